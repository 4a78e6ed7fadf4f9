package io.streamrec.processor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.EtcdSettings;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Configuration of the stream processor ({@code streamrec.kafka.*}, {@code streamrec.registry.*},
 * {@code streamrec.etcd.*} and {@code streamrec.processor.*}). Load it with
 * {@code ConfigLoader.load(ProcessorConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface ProcessorConfig {

    /** The cluster holding {@code interactions}, {@code user-item-edges}, {@code recommendations} and the DLQ. */
    KafkaSettings kafka();

    /** The registry holding the Avro schemas of the records read and written. */
    RegistrySettings registry();

    /** The etcd cluster holding the strategies under {@code /streamrec/strategies/}. */
    EtcdSettings etcd();

    /** The processor's own settings. */
    ProcessorSettings processor();

    /** {@code streamrec.processor.*} */
    interface ProcessorSettings {

        /** Interface the health and metrics endpoints listen on ({@code streamrec.processor.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the health, metrics and strategy endpoints; 0 picks a free port, as tests do ({@code streamrec.processor.port}). */
        @WithDefault("8082")
        int port();

        /**
         * The Kafka Streams application id ({@code streamrec.processor.application-id}): the consumer group, the
         * prefix of the internal changelog topics and of the transactional ids. Every instance of one deployment
         * shares it; changing it starts from scratch.
         */
        @WithDefault("streamrec-processor")
        String applicationId();

        /**
         * Directory of the local state stores ({@code streamrec.processor.state-dir}). They are rebuilt from their
         * changelog topics when missing, but a directory that survives restarts saves that restore.
         */
        @WithDefault("data/processor")
        Path stateDir();

        /**
         * How often, in milliseconds, the exactly-once transaction commits ({@code streamrec.processor.commit-interval-ms}).
         * Outputs become visible to read_committed consumers only at a commit, so this bounds the added latency.
         */
        @WithDefault("100")
        long commitIntervalMs();

        /**
         * Stream threads in this instance; more than the input partitions leaves some idle
         * ({@code streamrec.processor.num-stream-threads}). Two let the user side and the item side run at once.
         */
        @WithDefault("2")
        int numStreamThreads();

        /**
         * A stable id, unique per instance (a pod or host name), that makes the instance a static group member: after
         * a restart it gets its partitions back at once instead of after the 45 s session timeout. Unset means
         * dynamic membership ({@code streamrec.processor.instance-id}).
         */
        Optional<String> instanceId();

        /** Name of the strategy to use, the key under {@code /streamrec/strategies/} ({@code streamrec.processor.strategy}). */
        @WithDefault("default")
        String strategy();

        /**
         * Name of the A/B experiment under {@code /streamrec/experiments/} whose groups pick users' strategies; unset
         * means every user gets {@code strategy} ({@code streamrec.processor.experiment}).
         */
        Optional<String> experiment();

        /**
         * The URL other instances reach this one's HTTP endpoints at, e.g. {@code http://host-1:8082}
         * ({@code streamrec.processor.advertised-url}). Set it when running more than one instance: pull requests for a
         * user owned by another instance are forwarded there. Unset means a single instance, which answers everything.
         */
        Optional<String> advertisedUrl();

        /** How long, in milliseconds, an eventId is remembered to drop client retries ({@code streamrec.processor.dedup-window-ms}). */
        @WithDefault("600000")
        long dedupWindowMs();

        /** Distinct items kept in each user's history; bounds per-event work and the seen filter ({@code streamrec.processor.history-size}). */
        @WithDefault("200")
        int historySize();

        /**
         * How many of the user's most recent history items a newly seen item counts a co-occurrence with
         * ({@code streamrec.processor.cooccurrence-window}). The item side's work grows with it: MovieLens 100K
         * needs 17.4 M pair increments with the whole history (200), 5.1 M with 30. Items the user met further
         * apart count as unrelated, as in session-based co-occurrence; at most {@code history-size}.
         */
        @WithDefault("30")
        int cooccurrenceWindow();

        /**
         * Partitions of the item side's topics, so how many tasks share the item-keyed work
         * ({@code streamrec.processor.item-partitions}). Each event with a new item sends its increments to every item
         * partition its window's items fall in, up to min(cooccurrence-window + 1, item-partitions) records, so
         * partitions no thread needs cost records; scale out with more. Unset: as many as {@code interactions}. The
         * item side's state is partitioned by it, so once its topics exist their partition count is kept.
         */
        Optional<Integer> itemPartitions();

        /** History items, strongest affinity first, whose neighbour rows a recommendation reads ({@code streamrec.processor.max-seeds}). */
        @WithDefault("50")
        int maxSeeds();

        /** Neighbours kept per item row, the K of top-K ({@code streamrec.processor.neighbours}). */
        @WithDefault("50")
        int neighbours();

        /** Decoded neighbour rows kept in memory per instance, in front of the global store ({@code streamrec.processor.row-cache-size}). */
        @WithDefault("100000")
        int rowCacheSize();

        /**
         * Pair counts of complete item rows kept decoded in memory per instance between commits, in front of the
         * item-pair-rows store ({@code streamrec.processor.pair-rows-size}), 16-32 bytes each, split evenly over the
         * item partitions. Every increment and publication works on a row in memory; a row not held is read from the
         * store first. Rows changed since the last commit always stay; past the limit, the others are dropped after
         * each commit. The default holds a catalogue of MovieLens' size (1.7 M pairs).
         */
        @WithDefault("4000000")
        long pairRowsSize();

        /** Popular and trending items kept per item partition ({@code streamrec.processor.leaderboard-size}). */
        @WithDefault("100")
        int leaderboardSize();

        /** How often, in milliseconds, changed item rows and leaderboards are published ({@code streamrec.processor.publish-interval-ms}). */
        @WithDefault("200")
        long publishIntervalMs();

        /**
         * At most this many changed item rows published per task and interval, so that publishing cannot starve
         * the processing of increments under load; the rest wait, oldest change first ({@code streamrec.processor.publish-max-items}).
         * Each row is a scan of all the item's pairs (about 1,600 on MovieLens), which made publishing, not counting,
         * the item side's main cost at 200.
         */
        @WithDefault("50")
        int publishMaxItems();

        /** Half-life, in hours, of item popularity ({@code streamrec.processor.popularity-half-life-hours}). */
        @WithDefault("168")
        long popularityHalfLifeHours();

        /** Half-life, in minutes, of the recent-interaction count that ranks trending items ({@code streamrec.processor.trending-half-life-minutes}). */
        @WithDefault("60")
        long trendingHalfLifeMinutes();

        /**
         * A user's events within this many milliseconds (wall clock) get one recommendation, for the latest of them
         * ({@code streamrec.processor.coalesce-ms}); 0 computes one per event. Bursts of one user (a replay, a
         * session) then cost one scoring instead of one per event, for at most this much more latency.
         */
        @WithDefault("20")
        long coalesceMs();

        /**
         * Events whose event time is more than this many milliseconds before the wall clock are backfill: a replay, an
         * import, or a processor catching up ({@code streamrec.processor.backfill-age-ms}).
         */
        @WithDefault("60000")
        long backfillAgeMs();

        /**
         * A user's backfill events within this many milliseconds (wall clock) get one recommendation, for the latest
         * ({@code streamrec.processor.backfill-coalesce-ms}); 0 treats them like live events. Only the state after the
         * last historical event matters, so a replay scores each user a few times instead of once per event, and an
         * item row changed only by backfill is published at this interval instead of every publish interval.
         */
        @WithDefault("1000")
        long backfillCoalesceMs();

        /**
         * How long (processing time) the eventIds of backfill events are remembered, so that an import run again within
         * it counts nothing twice ({@code streamrec.processor.backfill-dedup-window-ms}, default 7 days). Live events'
         * ids are remembered for {@code dedup-window-ms} around their record time.
         */
        @WithDefault("604800000")
        long backfillDedupWindowMs();

        /** Users active within this many milliseconds get fresh recommendations when a strategy changes ({@code streamrec.processor.reemit-window-ms}). */
        @WithDefault("900000")
        long reemitWindowMs();

        /**
         * At most this many re-emitted recommendations per second and stream task ({@code streamrec.processor.reemit-per-second}),
         * taken in slices every 50 ms, so that re-emission after a strategy change cannot hold up live events for long.
         */
        @WithDefault("20000")
        int reemitPerSecond();
    }
}
