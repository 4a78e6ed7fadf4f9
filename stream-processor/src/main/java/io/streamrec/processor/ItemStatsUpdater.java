package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.ItemUpdates.PartnerGain;
import io.streamrec.processor.NeighbourRow.Neighbour;
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
 * is written once per interval however many events touch it. An item changed by {@link Backfill} increments only waits
 * for the backfill interval instead: during a replay every item changes all the time, and its rows are intermediate.
 * Pair counts live in a {@link PairRowStore}: in memory, written back at commit.
 */
final class ItemStatsUpdater implements Processor<String, ItemUpdates, String, Object> {
    static final String STATS_STORE = "item-stats";
    /** Not "item-pairs": that store held one count per key, a layout this one cannot read. */
    static final String PAIRS_STORE = "item-pair-rows";

    private final StrategyResolver strategies;
    private final TopologySettings settings;
    private final String neighboursSink;
    private final String rankingsSink;
    private final ItemOccurrences occurrences;
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> changedByBackfill = new LinkedHashSet<>();
    private final Leaderboard popular;
    private final Leaderboard trending;
    private KeyValueStore<String, ItemStats> stats;
    private PairRowStore pairs;
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
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            publishRows(changed, now);
            publishLeaderboards(now);
        });
        if (settings.backfill().coalesces()) {
            context.schedule(settings.backfill().coalesce(), PunctuationType.WALL_CLOCK_TIME,
                    now -> publishRows(changedByBackfill, now));
        }
    }

    @Override
    public void process(Record<String, ItemUpdates> record) {
        long now = context.currentSystemTimeMs();
        for (ItemUpdate update : record.value().updates()) {
            apply(update);
            markChanged(update.itemId(), update.eventTimeMs(), now);
        }
        for (PartnerGain gain : record.value().gains()) {
            pairs.incrementColumn(gain.items(), gain.partner());
            for (String itemId : gain.items()) {
                markChanged(itemId, gain.eventTimeMs(), now);
            }
        }
    }

    private void markChanged(String itemId, long eventTimeMs, long now) {
        if (settings.backfill().waits(eventTimeMs, now) && !changed.contains(itemId)) {
            changedByBackfill.add(itemId);
        } else {
            changedByBackfill.remove(itemId);
            changed.add(itemId);
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
        pairs.incrementRow(itemId, update.partners());
    }

    private void offer(String itemId, ItemStats itemStats) {
        popular.offer(itemId, itemStats.popularityLog2());
        trending.offer(itemId, itemStats.trendingLog2());
    }

    private void publishRows(Set<String> queue, long now) {
        SimilarityMeasure measure = strategies.configured().strategy().similarity();
        // a budget per interval keeps publication from starving the increments under load; the rest stays queued,
        // oldest change first
        Iterator<String> queued = queue.iterator();
        for (int published = 0; queued.hasNext() && published < settings.publishMaxItems(); published++) {
            String itemId = queued.next();
            queued.remove();
            ItemStats itemStats = stats.get(itemId);
            if (itemStats != null) {
                context.forward(new Record<>(itemId, row(itemId, itemStats, measure), now), neighboursSink);
            }
        }
    }

    private void publishLeaderboards(long now) {
        if (popular.takeChanged()) {
            context.forward(new Record<>(Ranking.key(Ranking.POPULAR, partition), new Ranking(popular.best()), now),
                    rankingsSink);
        }
        if (trending.takeChanged()) {
            context.forward(new Record<>(Ranking.key(Ranking.TRENDING, partition), new Ranking(trending.best()), now),
                    rankingsSink);
        }
    }

    /** A candidate neighbour with its similarity, computed once. */
    private record Scored(Neighbour neighbour, double similarity) {
    }

    /** Weaker similarity first; among equals, the later item id (so the row's order is deterministic). */
    private static final Comparator<Scored> WEAKEST_FIRST = Comparator.comparingDouble(Scored::similarity)
            .thenComparing(scored -> scored.neighbour().itemId(), Comparator.reverseOrder());

    /**
     * The item's K best neighbours: one pass over its pairs with a bounded heap. Each similarity is computed once,
     * and a candidate enters the heap only when it beats the weakest kept one: with K much smaller than the item's
     * pairs, most candidates cost one comparison (ranking rows was the item side's main cost).
     */
    private NeighbourRow row(String itemId, ItemStats itemStats, SimilarityMeasure measure) {
        int k = settings.neighbours();
        PriorityQueue<Scored> best = new PriorityQueue<>(k + 1, WEAKEST_FIRST);
        pairs.forEach(itemId, (partner, count) -> {
            long partnerOccurrences = Math.max(count, occurrencesOf(partner));
            double similarity = measure.of(count, itemStats.occurrences(), partnerOccurrences);
            if (best.size() < k) {
                best.add(new Scored(new Neighbour(partner, count, partnerOccurrences), similarity));
            } else {
                Scored weakest = best.peek();
                if (similarity > weakest.similarity() || similarity == weakest.similarity()
                        && partner.compareTo(weakest.neighbour().itemId()) < 0) {
                    best.poll();
                    best.add(new Scored(new Neighbour(partner, count, partnerOccurrences), similarity));
                }
            }
        });
        List<Scored> ranked = new ArrayList<>(best);
        ranked.sort(WEAKEST_FIRST.reversed());
        return new NeighbourRow(itemId, itemStats.occurrences(), itemStats.popularityLog2(),
                itemStats.trendingLog2(), ranked.stream().map(Scored::neighbour).toList());
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
}
