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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.function.Supplier;

/**
 * The stream processor's topology: interactions in; absolute user-item edges and fresh recommendations out.
 *
 * <pre>
 *                            ┌─► aggregate-edges  [edge-aggregates] ─► user-item-edges
 * interactions ─► decode ────┼─► recommend        [recent-items]    ─► recommendations
 *                            └─► interactions-dlq  (raw, with dlq.* headers)
 * </pre>
 *
 * <p>{@code interactions} is keyed by userId, so a user's events arrive in order at one task, whose stores hold all
 * of that user's state: nothing is repartitioned. Run with {@code exactly_once_v2}, the store changelogs, both
 * outputs, dead letters and the input offsets of each commit form one transaction.
 *
 * <p>The strategy is read from {@code strategies} on every event; it must answer from memory.
 */
final class RecommendationTopology {
    // node names, distinct from the topic names so that describe() output is unambiguous
    static final String SOURCE = "read-interactions";
    static final String DECODE = "decode";
    static final String AGGREGATE_EDGES = "aggregate-edges";
    static final String RECOMMEND = "recommend";
    static final String EDGES_SINK = "write-edges";
    static final String RECOMMENDATIONS_SINK = "write-recommendations";
    static final String DEAD_LETTER_SINK = "write-dead-letters";

    private RecommendationTopology() {
    }

    static Topology build(SchemaRegistryClient registry, Supplier<ActiveStrategy> strategies, MeterRegistry meters) {
        AvroSerde<Interaction> interactions = AvroSerde.forValues(registry, Interaction.class);
        AvroSerde<UserItemKey> edgeKeys = AvroSerde.forKeys(registry, UserItemKey.class);
        AvroSerde<UserItemEdge> edges = AvroSerde.forValues(registry, UserItemEdge.class);
        AvroSerde<Recommendations> recommendations = AvroSerde.forValues(registry, Recommendations.class);

        Topology topology = new Topology();
        // raw bytes in, so that a record that does not decode reaches the dead-letter topic unchanged
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.INTERACTIONS.name());
        topology.addProcessor(DECODE, () -> new InteractionDecoder(interactions,
                List.of(AGGREGATE_EDGES, RECOMMEND), DEAD_LETTER_SINK, meters), SOURCE);
        topology.addSink(DEAD_LETTER_SINK, Topics.INTERACTIONS_DLQ.name(),
                new ByteArraySerializer(), new ByteArraySerializer(), DECODE);

        topology.addProcessor(AGGREGATE_EDGES, () -> new EdgeAggregator(strategies), DECODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EdgeAggregator.STORE), edgeKeys, edges), AGGREGATE_EDGES);
        topology.addSink(EDGES_SINK, Topics.USER_ITEM_EDGES.name(),
                edgeKeys.serializer(), edges.serializer(), AGGREGATE_EDGES);

        topology.addProcessor(RECOMMEND, () -> new Recommender(strategies), DECODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Recommender.STORE), Serdes.String(), new RecentItemsSerde()), RECOMMEND);
        topology.addSink(RECOMMENDATIONS_SINK, Topics.RECOMMENDATIONS.name(),
                new StringSerializer(), recommendations.serializer(), RECOMMEND);
        return topology;
    }
}
