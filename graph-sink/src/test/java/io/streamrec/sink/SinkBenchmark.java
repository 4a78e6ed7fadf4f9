package io.streamrec.sink;

import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.WALFile;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.NaivePerEdgeStore;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestDirectories;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edges/s from the topic into ArcadeDB, end to end: the edges are produced first, then a sink drains the topic and the
 * clock stops when its group has committed the end. The batched sink and the naive per-edge loop drain the same
 * topic (each with its own group and database) in the same run. Then p50/p99 of the "also interacted" query on
 * popular and unpopular items. Not part of verify; run with
 * {@code mvn -B -o verify -pl graph-sink -Dit.test=SinkBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: -Dbench.edges, -Dbench.users, -Dbench.items). Writes target/benchmarks/sink.md.
 */
@WithSchemaRegistry
class SinkBenchmark {
    private static final int EDGES = Integer.getInteger("bench.edges", 1_000_000);
    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int ITEMS = Integer.getInteger("bench.items", 20_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 20_000);
    /** The loop with one transaction per edge drains only the topic's first records: all would take about an hour. */
    private static final int NAIVE_EDGES = Integer.getInteger("bench.naive-edges", 20_000);
    /**
     * The sink commits offsets per batch, so the loop with one transaction per edge gets small batches: a large one
     * would write all its records before the first commit, at ~200 edges/s, however few the drain is meant to read.
     */
    private static final int PER_EDGE_BATCH = 1000;
    private static final int NAIVE_BATCH_EDGES = Integer.getInteger("bench.naive-batch-edges", Integer.MAX_VALUE);
    private static final int QUERIES = 200;
    private static final Path ROOT = Path.of("target", "benchmark-db");

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final EdgeTopic topic;

    SinkBenchmark(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.topic = new EdgeTopic(kafka, registry);
    }

    /** Three databases of up to a million edges each: gigabytes that should not outlive the run. */
    @AfterEach
    void deleteDatabases() {
        TestDirectories.deleteRecursively(ROOT);
    }

    @Test
    void edgesPerSecondFromTheTopicIntoArcadeDb() throws IOException {
        kafka.createStreamrecTopics();
        long produceBegin = System.nanoTime();
        produceZipfEdges();
        double produceSeconds = seconds(System.nanoTime() - produceBegin);
        System.out.printf(Locale.ROOT, "produced %d edges in %.1f s%n", EDGES, produceSeconds);

        Path batchedPath = ROOT.resolve(UUID.randomUUID().toString());
        Drain batched = drain("bench-batched", EDGES, BATCH,
                () -> ArcadeDbGraphStore.open(batchedPath, WALFile.FLUSH_TYPE.NO));
        System.out.printf(Locale.ROOT, "batched sink: %s%n", batched);
        Path naivePath = ROOT.resolve(UUID.randomUUID().toString());
        Drain naive = drain("bench-naive", Math.min(NAIVE_EDGES, EDGES), PER_EDGE_BATCH,
                () -> new NaivePerEdgeStore(new DatabaseFactory(naivePath.toString()).create(), true));
        System.out.printf(Locale.ROOT, "naive per-edge loop, one tx per edge: %s%n", naive);
        Path naiveBatchPath = ROOT.resolve(UUID.randomUUID().toString());
        Drain naiveBatch = drain("bench-naive-batch", Math.min(NAIVE_BATCH_EDGES, EDGES), BATCH,
                () -> new NaivePerEdgeStore(new DatabaseFactory(naiveBatchPath.toString()).create(), false));
        System.out.printf(Locale.ROOT, "naive per-edge loop, one tx per batch: %s%n", naiveBatch);

        String report;
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(batchedPath, WALFile.FLUSH_TYPE.NO)) {
            long[] popular = latencies(store, 0, 10);
            long[] unpopular = latencies(store, ITEMS / 2, ITEMS / 2 + 10);
            report = String.format(Locale.ROOT, """
                    | measure | value |
                    |---|---|
                    | edges in the topic (%d users, %d items, Zipf s=%.1f) | %d |
                    | batched sink (batch-size %d), edges/s | %.0f |
                    | naive per-edge loop, one tx per edge (first %d records), edges/s | %.0f |
                    | naive per-edge loop, one tx per batch of %d (%d records), edges/s | %.0f |
                    | ratio batched / naive tx per edge | %.1fx |
                    | ratio batched / naive tx per batch | %.1fx |
                    | batched sink, edges per CPU second of the JVM (broker, sink, store) | %.0f |
                    | naive loop, one tx per batch, edges per CPU second of the JVM | %.0f |
                    | ratio of edges per CPU second, batched / naive tx per batch | %.1fx |
                    | batched sink, CPU of the sink's thread per edge (one writer thread), µs | %.1f |
                    | naive loop, one tx per batch, CPU of the sink's thread per edge, µs | %.1f |
                    | ratio of sink-thread CPU per edge, naive tx per batch / batched | %.1fx |
                    | "also" query, popular items (ranks 1-10), p50 / p99 ms | %.2f / %.2f |
                    | "also" query, unpopular items (ranks %d-%d), p50 / p99 ms | %.2f / %.2f |
                    """, USERS, ITEMS, ZipfEdges.EXPONENT, EDGES, BATCH, batched.perSecond(),
                    Math.min(NAIVE_EDGES, EDGES),
                    naive.perSecond(), BATCH, Math.min(NAIVE_BATCH_EDGES, EDGES), naiveBatch.perSecond(),
                    batched.perSecond() / naive.perSecond(), batched.perSecond() / naiveBatch.perSecond(),
                    batched.perCpuSecond(), naiveBatch.perCpuSecond(),
                    batched.perCpuSecond() / naiveBatch.perCpuSecond(), batched.sinkThreadMicrosPerEdge(),
                    naiveBatch.sinkThreadMicrosPerEdge(),
                    naiveBatch.sinkThreadMicrosPerEdge() / batched.sinkThreadMicrosPerEdge(),
                    millis(popular, 0.50), millis(popular, 0.99), ITEMS / 2 + 1, ITEMS / 2 + 10,
                    millis(unpopular, 0.50), millis(unpopular, 0.99));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "sink.md"), report);
        assertThat(batched.perSecond()).isGreaterThan(naive.perSecond());
    }

    /**
     * Edges/s of a sink on a fresh store draining the topic under {@code group}, from its start until the group has
     * committed {@code records} records (all of them: the topic's end). Also edges per CPU second of this JVM: on a
     * machine shared with other work, wall time depends on the neighbours' load, CPU time much less.
     */
    private Drain drain(String group, int records, int batch, Supplier<GraphStore> store) {
        Map<TopicPartition, Long> end = topic.endOffsets();
        Map<String, String> config = topic.sinkConfig(group, batch, 200);
        long cpuBegin = processCpuNanos();
        long begin = System.nanoTime();
        try (GraphSink sink = new GraphSink(ConfigLoader.load(SinkConfig.class, Optional.empty(), config),
                store.get())) {
            sink.start();
            Map<TopicPartition, Long> done = Poll.until(Duration.ofHours(1), () -> topic.committed(group),
                    committed -> committed.equals(end) || EdgeTopic.total(committed) >= records);
            long total = EdgeTopic.total(done);
            return new Drain(total / seconds(System.nanoTime() - begin),
                    total / seconds(processCpuNanos() - cpuBegin), sinkThreadCpuNanos() / 1e3 / total);
        }
    }

    /**
     * @param sinkThreadMicrosPerEdge CPU of the sink's own thread (poll, decode, store writes, commits) per edge: the
     *                                writer's cost without the broker, GC and JIT, and the least noisy measure here
     */
    private record Drain(double perSecond, double perCpuSecond, double sinkThreadMicrosPerEdge) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%.0f edges/s, %.0f edges per CPU second, %.1f µs sink-thread CPU per edge",
                    perSecond, perCpuSecond, sinkThreadMicrosPerEdge);
        }
    }

    /** CPU time of the running sink's thread; each drain starts a sink, and with it a new thread. */
    private static long sinkThreadCpuNanos() {
        Thread sinkThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(GraphSink.LOOP_THREAD_NAME)).findFirst().orElseThrow();
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(sinkThread.getId());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void produceZipfEdges() {
        ZipfEdges source = new ZipfEdges(USERS, ITEMS);
        AvroSerde<UserItemKey> keys = AvroSerde.forKeys(registry.client(), UserItemKey.class);
        AvroSerde<UserItemEdge> values = AvroSerde.forValues(registry.client(), UserItemEdge.class);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String t = EdgeTopic.TOPIC;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int n = 0; n < EDGES; n++) {
                UserItemEdge edge = source.next();
                producer.send(new ProducerRecord<>(t, keys.serialize(t, new UserItemKey(edge.getUserId(),
                        edge.getItemId())), values.serialize(t, edge)));
            }
            producer.flush();
        }
    }

    /** Nanosecond latencies of {@value QUERIES} "also" queries over the items of Zipf ranks [from, to). */
    private static long[] latencies(GraphStore store, int fromRank, int toRank) {
        for (int warmup = 0; warmup < 20; warmup++) {
            store.alsoInteracted("i" + (fromRank + warmup % (toRank - fromRank)), null, 10);
        }
        long[] nanos = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long begin = System.nanoTime();
            store.alsoInteracted("i" + (fromRank + q % (toRank - fromRank)), null, 10);
            nanos[q] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double millis(long[] sortedNanos, double quantile) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[index] / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
