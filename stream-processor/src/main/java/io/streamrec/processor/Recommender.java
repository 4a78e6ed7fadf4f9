package io.streamrec.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Recommendations;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a user's recommendations ({@link Scorer}) on the user's interactions, under the user's strategy or
 * experiment group, and keeps the latest per user for the pull API.
 *
 * <p>A user's events are gathered for a while (wall clock) and scored once, for the latest of them: a burst of clicks
 * then costs one scoring rather than one per event, and a replay of historical events ({@link Backfill}) a few
 * scorings per user rather than one per event. What is gathered lives in memory only; if the task stops before
 * scoring it, the pass every task makes when it starts (below) recomputes those users, without the trigger event's
 * id.
 *
 * <p>When any strategy changes, and when a task starts, the users active within the re-emit window get fresh
 * recommendations without waiting for their next event: a wall-clock punctuation walks the {@value #ACTIVE_STORE}
 * store, at most {@code reemitPerSecond} users per second and task, and forgets users idle for longer than the window.
 *
 * <p>Per event the work is bounded: one history read, at most {@code maxSeeds} neighbour rows of K entries from the
 * global store (or {@link RowCache}, scored once per row and count change by {@link SimilarityRows}), and the
 * partitions' merged leaderboards from {@link RankingCache}.
 */
final class Recommender implements Processor<String, UpdatedHistory, String, Recommendations> {
    static final String LATEST_STORE = "latest-recommendations";
    static final String ACTIVE_STORE = "active-users";
    private static final Duration REEMIT_TICK = Duration.ofMillis(50);

    private final StrategyResolver strategies;
    private final TopologySettings settings;
    private final String neighboursStore;
    private final String rankingsStore;
    private final RowCache rowCache;
    private final SimilarityRows similarityRows;
    private final RankingCache rankingCache;
    private final Counter reemitted;
    private KeyValueStore<String, RecentItems> histories;
    private KeyValueStore<String, NeighbourRow> rows;
    private KeyValueStore<String, Recommendations> latest;
    private KeyValueStore<String, Long> active;
    private ProcessorContext<String, Recommendations> context;
    private long handledGeneration;
    /** The next user of the re-emission in progress, null when none is. */
    private String reemitFrom;
    /** Users with live events not scored yet, and the latest of those events, in arrival order. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Users with only backfill events not scored yet, and the latest of those events, in arrival order. */
    private final Map<String, Pending> pendingBackfill = new LinkedHashMap<>();

    /** A user's latest unscored event and the history it left. */
    private record Pending(RecentItems history, Interaction trigger, long timestamp) {
    }

    Recommender(StrategyResolver strategies, TopologySettings settings, String neighboursStore, String rankingsStore,
                RowCache rowCache, RankingCache rankingCache, SimilarityRows similarityRows, MeterRegistry meters) {
        this.strategies = strategies;
        this.settings = settings;
        this.neighboursStore = neighboursStore;
        this.rankingsStore = rankingsStore;
        this.rowCache = rowCache;
        this.similarityRows = similarityRows;
        this.rankingCache = rankingCache;
        this.reemitted = Counter.builder("streamrec.processor.reemitted")
                .description("recommendations recomputed because a strategy changed").register(meters);
    }

    @Override
    public void init(ProcessorContext<String, Recommendations> context) {
        this.context = context;
        this.histories = context.getStateStore(HistoryUpdater.STORE);
        this.rows = context.getStateStore(neighboursStore);
        KeyValueStore<String, Ranking> rankings = context.getStateStore(rankingsStore);
        this.latest = context.getStateStore(LATEST_STORE);
        this.active = context.getStateStore(ACTIVE_STORE);
        // the global store's loader replays only what arrived after the store's last checkpoint
        rankingCache.seed(put -> {
            try (KeyValueIterator<String, Ranking> all = rankings.all()) {
                all.forEachRemaining(entry -> put.accept(entry.key, entry.value));
            }
        });
        this.handledGeneration = strategies.generation();
        // a task that starts (at launch, or moved here by a rebalance) may have missed a strategy change while nobody
        // ran it, or been moved in the middle of its previous owner's pass: its active users get one pass now
        this.reemitFrom = "";
        context.schedule(REEMIT_TICK, PunctuationType.WALL_CLOCK_TIME, this::reemitSome);
        if (settings.coalesces()) {
            context.schedule(settings.coalesce(), PunctuationType.WALL_CLOCK_TIME, now -> emitAll(pending));
        }
        if (settings.backfill().coalesces()) {
            context.schedule(settings.backfill().coalesce(), PunctuationType.WALL_CLOCK_TIME,
                    now -> emitAll(pendingBackfill));
        }
    }

    @Override
    public void process(Record<String, UpdatedHistory> record) {
        // at once, not when scored: the pass at a task's start finds users whose gathered events were never scored
        long now = context.currentSystemTimeMs();
        active.put(record.key(), now);
        Pending latest = new Pending(record.value().history(), record.value().interaction(), record.timestamp());
        // a user with a live event waiting keeps the live schedule: the latest state goes out with it
        if (settings.backfill().waits(latest.trigger().getEventTime().toEpochMilli(), now)
                && !pending.containsKey(record.key())) {
            pendingBackfill.put(record.key(), latest);
            return;
        }
        pendingBackfill.remove(record.key());
        if (settings.coalesces()) {
            pending.put(record.key(), latest);
        } else {
            emitFor(record.key(), latest);
        }
    }

    private void emitAll(Map<String, Pending> waiting) {
        waiting.forEach(this::emitFor);
        waiting.clear();
    }

    private void emitFor(String userId, Pending latest) {
        emit(userId, latest.history(), latest.trigger().getEventId(), latest.trigger().getEventTime(),
                latest.timestamp());
    }

    private void emit(String userId, RecentItems history, String triggerEventId, Instant triggerEventTime,
                      long timestamp) {
        StrategyResolver.Assignment assignment = strategies.assign(userId);
        Strategy strategy = assignment.active().strategy();
        Recommendations recommendations = Recommendations.newBuilder()
                .setUserId(userId)
                .setItems(Scorer.recommend(strategy, Strategy.DEFAULT_SEGMENT, history,
                        itemId -> similarityRows.of(itemId, strategy, id -> rowCache.get(id, rows::get)),
                        rankingCache.merged(Ranking.POPULAR), rankingCache.merged(Ranking.TRENDING),
                        settings.maxSeeds()))
                .setStrategy(strategy.name())
                .setStrategyVersion(assignment.active().version())
                .setExperimentGroup(assignment.experimentGroup())
                .setGeneratedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setTriggerEventId(triggerEventId)
                .setTriggerEventTime(triggerEventTime)
                .build();
        latest.put(userId, recommendations);
        context.forward(new Record<>(userId, recommendations, timestamp));
    }

    /** One tick of re-emission: starts a pass when the strategies changed, then handles the next slice of users. */
    private void reemitSome(long now) {
        long generation = strategies.generation();
        if (generation != handledGeneration) {
            handledGeneration = generation;
            reemitFrom = "";
        }
        if (reemitFrom == null) {
            return;
        }
        long budget = Math.max(1, settings.reemitPerSecond() * REEMIT_TICK.toMillis() / 1000);
        long idleBefore = now - settings.reemitWindow().toMillis();
        List<String> idle = new ArrayList<>();
        String next = null;
        try (KeyValueIterator<String, Long> users = active.range(reemitFrom, null)) {
            while (users.hasNext()) {
                KeyValue<String, Long> user = users.next();
                if (budget == 0) {
                    next = user.key;
                    break;
                }
                if (user.value < idleBefore) {
                    idle.add(user.key);
                    continue;
                }
                RecentItems stored = histories.get(user.key);
                emit(user.key, stored == null ? RecentItems.empty() : stored, null, null, now);
                reemitted.increment();
                budget--;
            }
        }
        idle.forEach(active::delete);
        reemitFrom = next;
    }
}
