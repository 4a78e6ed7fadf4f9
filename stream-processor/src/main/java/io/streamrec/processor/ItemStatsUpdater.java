package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.NeighbourRow.Neighbour;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The item-keyed side: applies co-occurrence and popularity increments to the items of its partition and, every
 * publish interval, publishes the rows of up to {@code publishMaxItems} items that changed (their top-K neighbours
 * under the configured strategy's similarity measure, with raw counts) and the partition's popular and trending
 * leaderboards when they changed. Publishing per interval rather than per increment bounds the fan-out: a hot item
 * is written once per interval however many events touch it.
 */
final class ItemStatsUpdater implements Processor<String, ItemUpdates, String, Object> {
    static final String STATS_STORE = "item-stats";
    static final String PAIRS_STORE = "item-pairs";
    private static final char SEPARATOR = '\u0000';

    private final StrategyResolver strategies;
    private final TopologySettings settings;
    private final String neighboursSink;
    private final String rankingsSink;
    private final ItemOccurrences occurrences;
    private final Set<String> changed = new LinkedHashSet<>();
    private final Leaderboard popular;
    private final Leaderboard trending;
    private KeyValueStore<String, ItemStats> stats;
    private KeyValueStore<String, Long> pairs;
    private ProcessorContext<String, Object> context;
    private int partition = -1;

    ItemStatsUpdater(StrategyResolver strategies, TopologySettings settings, String neighboursSink,
                     String rankingsSink, ItemOccurrences occurrences) {
        this.strategies = strategies;
        this.settings = settings;
        this.neighboursSink = neighboursSink;
        this.rankingsSink = rankingsSink;
        this.occurrences = occurrences;
        this.popular = new Leaderboard(settings.leaderboardSize());
        this.trending = new Leaderboard(settings.leaderboardSize());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.stats = context.getStateStore(STATS_STORE);
        this.pairs = context.getStateStore(PAIRS_STORE);
        this.partition = context.taskId().partition();
        // the boards live in memory: rebuilt from the restored store, once per task start
        try (KeyValueIterator<String, ItemStats> all = stats.all()) {
            all.forEachRemaining(entry -> offer(entry.key, entry.value));
        }
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, ItemUpdates> record) {
        for (ItemUpdate update : record.value().updates()) {
            apply(update);
        }
    }

    private void apply(ItemUpdate update) {
        String itemId = update.itemId();
        if (update.newUsers() > 0 || update.weight() > 0) {
            ItemStats previous = stats.get(itemId);
            ItemStats before = previous == null ? ItemStats.NONE : previous;
            ItemStats after = new ItemStats(before.occurrences() + update.newUsers(),
                    DecayedScore.add(before.popularityLog2(), update.weight(), update.eventTimeMs(),
                            settings.popularityHalfLife().toMillis()),
                    DecayedScore.add(before.trendingLog2(), update.weight() > 0 ? 1 : 0, update.eventTimeMs(),
                            settings.trendingHalfLife().toMillis()));
            stats.put(itemId, after);
            offer(itemId, after);
        }
        for (String partner : update.partners()) {
            String pair = pairKey(itemId, partner);
            Long count = pairs.get(pair);
            pairs.put(pair, count == null ? 1 : count + 1);
        }
        changed.add(itemId);
    }

    private void offer(String itemId, ItemStats itemStats) {
        popular.offer(itemId, itemStats.popularityLog2());
        trending.offer(itemId, itemStats.trendingLog2());
    }

    private void publish() {
        long now = context.currentSystemTimeMs();
        SimilarityMeasure measure = strategies.configured().strategy().similarity();
        // a budget per interval keeps publication from starving the increments under load; the rest stays queued,
        // oldest change first
        Iterator<String> queued = changed.iterator();
        for (int published = 0; queued.hasNext() && published < settings.publishMaxItems(); published++) {
            String itemId = queued.next();
            queued.remove();
            ItemStats itemStats = stats.get(itemId);
            if (itemStats != null) {
                context.forward(new Record<>(itemId, row(itemId, itemStats, measure), now), neighboursSink);
            }
        }
        if (popular.takeChanged()) {
            context.forward(new Record<>(Ranking.key(Ranking.POPULAR, partition), new Ranking(popular.best()), now),
                    rankingsSink);
        }
        if (trending.takeChanged()) {
            context.forward(new Record<>(Ranking.key(Ranking.TRENDING, partition), new Ranking(trending.best()), now),
                    rankingsSink);
        }
    }

    /** The item's K best neighbours: one pass over its pairs with a bounded heap. */
    private NeighbourRow row(String itemId, ItemStats itemStats, SimilarityMeasure measure) {
        NeighbourRow self = new NeighbourRow(itemId, itemStats.occurrences(), 0, 0, List.of());
        Comparator<Neighbour> weakestFirst = Comparator.<Neighbour>comparingDouble(n -> self.similarityTo(n, measure))
                .thenComparing(Neighbour::itemId, Comparator.reverseOrder());
        PriorityQueue<Neighbour> best = new PriorityQueue<>(weakestFirst);
        try (KeyValueIterator<String, Long> row = pairs.prefixScan(itemId + SEPARATOR, new StringSerializer())) {
            while (row.hasNext()) {
                KeyValue<String, Long> pair = row.next();
                String partner = pair.key.substring(itemId.length() + 1);
                best.add(new Neighbour(partner, pair.value, Math.max(pair.value, occurrencesOf(partner))));
                if (best.size() > settings.neighbours()) {
                    best.poll();
                }
            }
        }
        List<Neighbour> neighbours = new ArrayList<>(best);
        neighbours.sort(weakestFirst.reversed());
        return new NeighbourRow(itemId, itemStats.occurrences(), itemStats.popularityLog2(),
                itemStats.trendingLog2(), neighbours);
    }

    /**
     * The partner's occurrence count as of its last published row (at most a publish interval and a commit old),
     * else from this partition's store when it lives here; the caller floors it at the pair count.
     */
    private long occurrencesOf(String itemId) {
        long published = occurrences.of(itemId);
        if (published >= 0) {
            return published;
        }
        ItemStats local = stats.get(itemId);
        return local == null ? 0 : local.occurrences();
    }

    private static String pairKey(String itemId, String partner) {
        return itemId + SEPARATOR + partner;
    }
}
