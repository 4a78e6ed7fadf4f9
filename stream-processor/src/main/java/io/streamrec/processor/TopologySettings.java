package io.streamrec.processor;

import java.time.Duration;

/**
 * The sizes, windows and internal topic names of {@link RecommendationTopology}, from {@code streamrec.processor.*}.
 *
 * @param itemUpdatesTopic       repartition topic carrying co-occurrence and popularity increments, keyed by item
 * @param neighboursTopic        compacted topic of published {@link NeighbourRow}s, read back as a global store
 * @param rankingsTopic          compacted topic of each partition's popular and trending leaderboards, read back as a
 *                               global store
 * @param itemPartitions         partitions of {@code itemUpdatesTopic}, which the user side routes batches to
 * @param dedupWindow            how long an eventId is remembered to drop client retries
 * @param historySize            distinct items kept per user
 * @param cooccurrenceWindow     most recent history items a newly seen item counts a co-occurrence with
 * @param maxSeeds               history items (highest affinity first) whose neighbour rows are read per recommendation
 * @param neighbours             neighbours kept per item row (K)
 * @param rowCacheSize           decoded neighbour rows kept in memory per instance
 * @param leaderboardSize        popular and trending items kept per partition
 * @param publishInterval        how often changed item rows and leaderboards are published (wall clock)
 * @param publishMaxItems        at most this many item rows per task and interval; the rest wait for the next one
 * @param popularityHalfLife     half-life of item popularity
 * @param trendingHalfLife       half-life of the trending count: an exponential window of recent events
 * @param coalesce               a user's live events within this wall-clock slice get one recommendation, for the
 *                               latest; zero for one per event
 * @param backfill               what counts as backfill, how long it waits for scoring, how long its ids are remembered
 * @param reemitWindow           users active within this window get fresh recommendations when a strategy changes
 * @param reemitPerSecond        at most this many re-emitted recommendations per second and stream task
 * @param pairRowsSize           pair counts of complete item rows kept in memory per instance, over all item tasks
 */
record TopologySettings(String itemUpdatesTopic, String neighboursTopic, String rankingsTopic, int itemPartitions,
                        Duration dedupWindow, int historySize, int cooccurrenceWindow, int maxSeeds, int neighbours, int rowCacheSize, int leaderboardSize,
                        Duration publishInterval, int publishMaxItems, Duration popularityHalfLife, Duration trendingHalfLife,
                        Duration coalesce, Backfill backfill, Duration reemitWindow, int reemitPerSecond, long pairRowsSize) {

    /**
     * The defaults of {@link ProcessorConfig}, for an application id and one item partition (topology tests), except
     * that every event gets its recommendation at once: a test driver's wall clock moves only when the test moves it.
     */
    static TopologySettings defaults(String applicationId) {
        return new TopologySettings(applicationId + "-item-updates", applicationId + "-item-neighbours",
                applicationId + "-item-rankings", 1, Duration.ofMinutes(10), 200, 30, 50, 50, 100_000, 100,
                Duration.ofMillis(200), 50, Duration.ofHours(168), Duration.ofMinutes(60), Duration.ZERO,
                new Backfill(Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(7)),
                Duration.ofMinutes(15), 20_000, 1_000_000);
    }

    /** Whether a user's live events are gathered before scoring, rather than scored one by one. */
    boolean coalesces() {
        return !coalesce.isZero() && !coalesce.isNegative();
    }

    TopologySettings withCoalescing(Duration coalesce, Backfill backfill) {
        return new TopologySettings(itemUpdatesTopic, neighboursTopic, rankingsTopic, itemPartitions, dedupWindow,
                historySize, cooccurrenceWindow, maxSeeds, neighbours, rowCacheSize, leaderboardSize, publishInterval, publishMaxItems,
                popularityHalfLife, trendingHalfLife, coalesce, backfill, reemitWindow, reemitPerSecond, pairRowsSize);
    }

    static TopologySettings of(ProcessorConfig.ProcessorSettings processor, int itemPartitions) {
        String id = processor.applicationId();
        return new TopologySettings(id + "-item-updates", id + "-item-neighbours", id + "-item-rankings",
                itemPartitions, Duration.ofMillis(processor.dedupWindowMs()), processor.historySize(),
                processor.cooccurrenceWindow(), processor.maxSeeds(), processor.neighbours(), processor.rowCacheSize(), processor.leaderboardSize(),
                Duration.ofMillis(processor.publishIntervalMs()), processor.publishMaxItems(), Duration.ofHours(processor.popularityHalfLifeHours()),
                Duration.ofMinutes(processor.trendingHalfLifeMinutes()),
                Duration.ofMillis(processor.coalesceMs()), new Backfill(Duration.ofMillis(processor.backfillAgeMs()),
                        Duration.ofMillis(processor.backfillCoalesceMs()),
                        Duration.ofMillis(processor.backfillDedupWindowMs())),
                Duration.ofMillis(processor.reemitWindowMs()),
                processor.reemitPerSecond(), processor.pairRowsSize());
    }

    /** Each item task's share of {@code pairRowsSize}: an instance running every item partition holds at most that. */
    long pairRowsPerTask() {
        return (pairRowsSize + itemPartitions - 1) / itemPartitions;
    }
}
