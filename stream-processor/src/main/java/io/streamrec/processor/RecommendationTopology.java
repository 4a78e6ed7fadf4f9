package io.streamrec.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The stream processor's topology: interactions in; absolute user-item edges and fresh recommendations out.
 *
 * <pre>
 * user side (keyed by userId, the partitions of interactions)
 *   interactions ─► decode ─► dedup [seen-event-ids] ─┬─► aggregate-edges [edge-aggregates] ─► user-item-edges
 *                     │                               └─► update-history [user-histories] ─┬─► item-updates (by item)
 *                     └─► interactions-dlq                                                 └─► recommend ─► recommendations
 *                                                        [latest-recommendations, active-users] reads the global stores
 *   (dedup keeps backfill events' ids apart, by processing time, in [seen-backfill-event-ids])
 * item side (keyed by item, the partitions of item-updates)
 *   item-updates ─► update-items [item-stats, item-pair-rows] ─► item-neighbours, item-rankings (compacted, per interval)
 * global stores on every instance
 *   item-neighbours ─► [item-neighbours-global]      item-rankings ─► [item-rankings-global]
 * </pre>
 *
 * <p>A user's events reach one task in order, whose stores hold all of that user's state. Similarity is item-keyed,
 * so increments cross over through {@code item-updates}, and each item's top-K neighbour row comes back to every
 * instance through a global store: a recommendation reads at most maxSeeds rows of K entries locally, never another
 * partition. Run with {@code exactly_once_v2}, store changelogs, outputs, dead letters, item updates and the input
 * offsets of each commit form one transaction per task.
 */
final class RecommendationTopology {
    // node names, distinct from the topic names so that describe() output is unambiguous
    static final String SOURCE = "read-interactions";
    static final String DECODE = "decode";
    static final String DEDUP = "dedup";
    static final String AGGREGATE_EDGES = "aggregate-edges";
    static final String UPDATE_HISTORY = "update-history";
    static final String RECOMMEND = "recommend";
    static final String EDGES_SINK = "write-edges";
    static final String RECOMMENDATIONS_SINK = "write-recommendations";
    static final String DEAD_LETTER_SINK = "write-dead-letters";
    static final String ITEM_UPDATES_SINK = "write-item-updates";
    static final String ITEM_UPDATES_SOURCE = "read-item-updates";
    static final String UPDATE_ITEMS = "update-items";
    static final String NEIGHBOURS_SINK = "write-item-neighbours";
    static final String RANKINGS_SINK = "write-item-rankings";
    static final String NEIGHBOURS_STORE = "item-neighbours-global";
    static final String RANKINGS_STORE = "item-rankings-global";

    private RecommendationTopology() {
    }

    /** With the default settings of application {@code streamrec-processor} and one item partition. */
    static Topology build(SchemaRegistryClient registry, StrategyResolver strategies, MeterRegistry meters) {
        return build(registry, strategies, meters, TopologySettings.defaults("streamrec-processor"));
    }

    static Topology build(SchemaRegistryClient registry, StrategyResolver strategies, MeterRegistry meters,
                          TopologySettings settings) {
        AvroSerde<Interaction> interactions = AvroSerde.forValues(registry, Interaction.class);
        AvroSerde<UserItemKey> edgeKeys = AvroSerde.forKeys(registry, UserItemKey.class);
        AvroSerde<UserItemEdge> edges = AvroSerde.forValues(registry, UserItemEdge.class);
        AvroSerde<Recommendations> recommendations = AvroSerde.forValues(registry, Recommendations.class);
        BinarySerde<ItemUpdates> itemUpdates = InternalSerdes.itemUpdates();
        JsonSerde<NeighbourRow> neighbourRows = JsonSerde.of(NeighbourRow.class);
        JsonSerde<Ranking> rankings = JsonSerde.of(Ranking.class);
        ItemOccurrences occurrences = new ItemOccurrences();
        RowCache rowCache = new RowCache(settings.rowCacheSize());
        RankingCache rankingCache = new RankingCache();
        SimilarityRows similarityRows = new SimilarityRows(occurrences, settings.rowCacheSize());

        Topology topology = new Topology();
        // raw bytes in, so that a record that does not decode reaches the dead-letter topic unchanged
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.INTERACTIONS.name());
        topology.addProcessor(DECODE, () -> new InteractionDecoder(interactions,
                List.of(DEDUP), DEAD_LETTER_SINK, meters), SOURCE);
        topology.addSink(DEAD_LETTER_SINK, Topics.INTERACTIONS_DLQ.name(),
                new ByteArraySerializer(), new ByteArraySerializer(), DECODE);

        topology.addProcessor(DEDUP, () -> new Deduplicator(settings.dedupWindow(), settings.backfill(), meters),
                DECODE);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Deduplicator.STORE, settings.dedupWindow(), settings.dedupWindow(), false),
                Serdes.String(), Serdes.Long()), DEDUP);
        Duration backfillDedup = settings.backfill().dedupWindow();
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Deduplicator.BACKFILL_STORE, backfillDedup, backfillDedup, false),
                Serdes.String(), Serdes.Long()), DEDUP);

        topology.addProcessor(AGGREGATE_EDGES, () -> new EdgeAggregator(strategies), DEDUP);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EdgeAggregator.STORE), edgeKeys, edges), AGGREGATE_EDGES);
        topology.addSink(EDGES_SINK, Topics.USER_ITEM_EDGES.name(),
                edgeKeys.serializer(), edges.serializer(), AGGREGATE_EDGES);

        topology.addProcessor(UPDATE_HISTORY,
                () -> new HistoryUpdater(strategies, settings, ITEM_UPDATES_SINK, RECOMMEND), DEDUP);
        // cached: a user's events come in bursts, and each rewrites the whole history (up to history-size items);
        // the cache sends one changelog record per user and commit instead of one per event
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HistoryUpdater.STORE),
                Serdes.String(), InternalSerdes.histories()).withCachingEnabled(), UPDATE_HISTORY);
        topology.addSink(ITEM_UPDATES_SINK, settings.itemUpdatesTopic(), new StringSerializer(),
                itemUpdates.serializer(), new ToBatchPartition(), UPDATE_HISTORY);

        topology.addProcessor(RECOMMEND, () -> new Recommender(strategies, settings, NEIGHBOURS_STORE, RANKINGS_STORE,
                rowCache, rankingCache, similarityRows, meters), UPDATE_HISTORY);
        topology.connectProcessorAndStateStores(RECOMMEND, HistoryUpdater.STORE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Recommender.LATEST_STORE),
                Serdes.String(), recommendations).withCachingEnabled(), RECOMMEND);
        // cached: written on every event, but one changelog record per user and commit is enough
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Recommender.ACTIVE_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), RECOMMEND);
        topology.addSink(RECOMMENDATIONS_SINK, Topics.RECOMMENDATIONS.name(),
                new StringSerializer(), recommendations.serializer(), RECOMMEND);

        topology.addSource(ITEM_UPDATES_SOURCE, new StringDeserializer(), itemUpdates.deserializer(),
                settings.itemUpdatesTopic());
        topology.addProcessor(UPDATE_ITEMS, () -> new ItemStatsUpdater(strategies, settings, NEIGHBOURS_SINK,
                RANKINGS_SINK, occurrences), ITEM_UPDATES_SOURCE);
        // cached: a popular item's stats change with most events, and a commit then writes them once
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ItemStatsUpdater.STATS_STORE),
                Serdes.String(), JsonSerde.of(ItemStats.class)).withCachingEnabled(), UPDATE_ITEMS);
        topology.addStateStore(new PairRowStoreBuilder(ItemStatsUpdater.PAIRS_STORE, settings.pairRowsPerTask()),
                UPDATE_ITEMS);
        topology.addSink(NEIGHBOURS_SINK, settings.neighboursTopic(), new StringSerializer(),
                neighbourRows.serializer(), UPDATE_ITEMS);
        topology.addSink(RANKINGS_SINK, settings.rankingsTopic(), new StringSerializer(), rankings.serializer(),
                UPDATE_ITEMS);

        addGlobalStore(topology, NEIGHBOURS_STORE, settings.neighboursTopic(), neighbourRows,
                (itemId, row) -> {
                    if (row != null) {
                        occurrences.record(row.itemId(), row.occurrences());
                        rowCache.update(row);
                    }
                });
        addGlobalStore(topology, RANKINGS_STORE, settings.rankingsTopic(), rankings, rankingCache::update);
        return topology;
    }

    private static <V> void addGlobalStore(Topology topology, String store, String topic, JsonSerde<V> values,
                                           BiConsumer<String, V> onValue) {
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                        Serdes.String(), values).withLoggingDisabled(),
                "read-" + topic, new StringDeserializer(), values.deserializer(), topic, "load-" + store,
                () -> new GlobalStoreLoader<V>(store, onValue));
    }

    /**
     * Puts every record of a compacted topic into its global store, deleting on tombstones, and tells {@code onValue}
     * (the in-memory caches in front of the store) about each, with null for a tombstone.
     */
    private static final class GlobalStoreLoader<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final BiConsumer<String, V> onValue;
        private KeyValueStore<String, V> store;

        GlobalStoreLoader(String storeName, BiConsumer<String, V> onValue) {
            this.storeName = storeName;
            this.onValue = onValue;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            onValue.accept(record.key(), record.value());
        }
    }

    /** Sends a batch of item updates to the partition all of its items belong to. */
    private static final class ToBatchPartition implements StreamPartitioner<String, ItemUpdates> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, ItemUpdates value, int numPartitions) {
            if (value.partition() >= numPartitions) {
                throw new IllegalStateException(topic + " has " + numPartitions + " partitions but the processor"
                        + " routes items over " + (value.partition() + 1) + " or more; recreate it with the"
                        + " partition count the processor was started with");
            }
            return Optional.of(Set.of(value.partition()));
        }
    }
}
