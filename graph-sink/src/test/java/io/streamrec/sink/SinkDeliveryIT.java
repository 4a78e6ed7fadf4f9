package io.streamrec.sink;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.WALFile;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery guarantees on a real broker, registry and embedded ArcadeDB: a replayed topic changes nothing, a store
 * that goes away under load loses nothing, and bad records reach the dead-letter topic before their offsets move.
 */
@WithSchemaRegistry
class SinkDeliveryIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path ROOT = Path.of("target", "arcadedb-it");

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final EdgeTopic topic;

    SinkDeliveryIT(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.topic = new EdgeTopic(kafka, registry);
    }

    @BeforeAll
    static void createTopics(KafkaTestCluster kafka) {
        kafka.createStreamrecTopics();
    }

    @Test
    void theSameRecordsReplayedTwiceLeaveNoDuplicateEdgesAndNoDoubledCounts() {
        topic.sendAggregates("replay", 20, 10, 2_000);
        Path path = freshPath();

        drainAndStop(path, "it-replay-first");
        // a second group reads the whole topic again into the same graph
        drainAndStop(path, "it-replay-second");

        try (ArcadeDbGraphStore reopened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            topic.assertStoreHoldsTheLatestAggregates(reopened);
            assertThat(edgesOf(path, "replay")).isEqualTo(topic.pairs());
        }
    }

    @Test
    void aStoreClosedThenLockedUnderLoadLosesNothingOnceItIsBack() throws Exception {
        topic.sendAggregates("outage", 50, 20, 5_000);
        Path path = freshPath();
        String group = "it-outage";
        ArcadeDbGraphStore store = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO);
        try (GraphSink sink = startSink(group, store, 200)) {
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> topic.sendAggregates("outage", 50, 20,
                    20_000));
            SinkProbe probe = new SinkProbe(sink);
            Poll.until(TIMEOUT, () -> probe.metric("streamrec_sink_edges_written_total", ""), written -> written > 0);

            // an operator closes the sink's database and keeps it open elsewhere in this JVM: the directory is in use.
            // The sink reopens a closed database at once, so the operator closes again until it wins the race.
            Database intruder = Poll.until(TIMEOUT, () -> {
                DatabaseFactory.getActiveDatabaseInstances().stream().filter(db -> isAt(db, path)).findFirst()
                        .ifPresent(Database::close);
                return new DatabaseFactory(path.toString()).open();
            }, db -> true);
            try {
                Poll.until(TIMEOUT, () -> probe.metric("streamrec_sink_paused", ""), paused -> paused == 1.0);
                Poll.until(TIMEOUT, () -> probe.metric("streamrec_sink_errors_total", "kind=\"retriable\""),
                        errors -> errors >= 3);
                assertThat(probe.status("/health/ready")).isEqualTo(503);
                assertThat(probe.get("/metrics").body()).doesNotContain("kind=\"fatal\"");
            } finally {
                intruder.close();
            }
            load.get();

            Map<org.apache.kafka.common.TopicPartition, Long> end = topic.endOffsets();
            Poll.until(TIMEOUT, () -> topic.committed(group), committed -> committed.equals(end));
            assertThat(probe.metric("streamrec_sink_paused", "")).isZero();
            Poll.until(TIMEOUT, () -> probe.status("/health/ready"), status -> status == 200);
        }
        try (ArcadeDbGraphStore reopened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            topic.assertStoreHoldsTheLatestAggregates(reopened);
        }
    }

    @Test
    void malformedRecordsLandInTheDeadLetterTopicWithTheirReasonAndTheirOffsetsAreCommitted() {
        AvroSerde<UserItemKey> keys = AvroSerde.forKeys(registry.client(), UserItemKey.class);
        AvroSerde<UserItemEdge> values = AvroSerde.forValues(registry.client(), UserItemEdge.class);
        String t = EdgeTopic.TOPIC;
        UserItemEdge good = UserItemEdge.newBuilder().setUserId("dlq-u1").setItemId("dlq-i1")
                .setCounts(Map.of("view", 1L)).setWeight(1.0).setFirstSeen(Instant.EPOCH)
                .setLastSeen(Instant.EPOCH).build();
        byte[] unknownSchema = values.serialize(t, good).clone();
        ByteBuffer.wrap(unknownSchema, 1, 4).putInt(999_999);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(t, keys.serialize(t, new UserItemKey("dlq-u1", "dlq-i2")),
                    "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(t, keys.serialize(t, new UserItemKey("dlq-u9", "dlq-i1")),
                    values.serialize(t, good)));
            producer.send(new ProducerRecord<>(t, keys.serialize(t, new UserItemKey("dlq-u1", "dlq-i1")),
                    unknownSchema));
            producer.send(new ProducerRecord<>(t, keys.serialize(t, new UserItemKey("dlq-u1", "dlq-i1")),
                    values.serialize(t, good)));
            producer.flush();
        }
        String group = "it-dlq";
        Path path = freshPath();
        drainAndStop(path, group);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(Topics.USER_ITEM_EDGES_DLQ.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 3, TIMEOUT);
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters).extracting(r -> header(r, "dlq.reason"))
                .containsExactlyInAnyOrder("undecodable-value", "key-mismatch", "undecodable-value");
        ConsumerRecord<byte[], byte[]> notAvro = deadLetters.stream()
                .filter(r -> "not avro".equals(new String(r.value(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
        assertThat(header(notAvro, "dlq.source.topic")).isEqualTo(t);
        assertThat(header(notAvro, "dlq.source.partition")).matches("\\d+");
        assertThat(header(notAvro, "dlq.source.offset")).matches("\\d+");
        assertThat(header(notAvro, "dlq.error")).isNotBlank();
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, "dlq.error")).isNotBlank());
        try (ArcadeDbGraphStore reopened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            assertThat(reopened.itemsOfUser("dlq-u1", 10)).extracting(e -> e.itemId()).containsExactly("dlq-i1");
        }
    }

    /** Runs a sink on the database at {@code path} until its group committed the topic's end, then closes both. */
    private void drainAndStop(Path path, String group) {
        Map<org.apache.kafka.common.TopicPartition, Long> end = topic.endOffsets();
        try (GraphSink ignored = startSink(group, ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO), 500)) {
            Poll.until(TIMEOUT, () -> topic.committed(group), committed -> committed.equals(end));
        }
    }

    private GraphSink startSink(String group, ArcadeDbGraphStore store, int batchSize) {
        GraphSink sink = new GraphSink(ConfigLoader.load(SinkConfig.class, Optional.empty(),
                topic.sinkConfig(group, batchSize, 20)), store);
        sink.start();
        return sink;
    }

    /** Edges whose user id starts with {@code prefix}, counted in the engine (so duplicates would show). */
    private static long edgesOf(Path path, String prefix) {
        Database db = activeDatabase(path);
        return db.query("sql", "select count(*) as n from Interacted where userId like ?", prefix + "-%")
                .next().<Number>getProperty("n").longValue();
    }

    private static Database activeDatabase(Path path) {
        return DatabaseFactory.getActiveDatabaseInstances().stream().filter(db -> isAt(db, path)).findFirst()
                .orElseThrow(() -> new AssertionError("no open database at " + path));
    }

    private static boolean isAt(Database db, Path path) {
        return Path.of(db.getDatabasePath()).toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Path freshPath() {
        return ROOT.resolve(UUID.randomUUID().toString()).resolve("graph");
    }
}
