package io.streamrec.cli.bench;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.ComponentFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.random.ZipfSampler;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.sink.GraphSink;
import io.streamrec.sink.SinkConfig;
import io.streamrec.testkit.BenchmarkReport;
import io.streamrec.testkit.TestDirectories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's "sink lag while the gateway runs at its maximum rate", on the embedded pipeline (broker, registry, etcd,
 * processor, sink, push, gateway in one JVM). A closed loop of {@code bench.connections} clients POSTs batches of
 * {@code bench.batch} events (many users, Zipf item popularity) to {@code /v1/events} as fast as the gateway answers,
 * for {@code bench.seconds}. Every second it samples the gateway's accepted events, the processor group's lag on
 * {@code interactions}, the sink group's lag on {@code user-item-edges} and the sink's written edges. After the load
 * it waits until both lags are 0, checks the store against the topic, and then, as the baseline in the same run,
 * lets a second sink with a fresh group and a fresh store drain the same topic alone. Not part of the test suite;
 * run it as docs/benchmarks.md (section sink) says. Writes {@code target/benchmarks/sink-lag.md}.
 */
class SinkLagBenchmark {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 16);
    private static final int BATCH = Integer.getInteger("bench.batch", 100);
    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int ITEMS = Integer.getInteger("bench.items", 20_000);
    private static final Duration DRAIN_WITHIN = Duration.ofMinutes(Integer.getInteger("bench.drain-minutes", 20));
    private static final int SAMPLE_USERS = Integer.getInteger("bench.sample-users", 300);
    private static final String SINK_GROUP = "streamrec-graph-sink";
    private static final String PROCESSOR_GROUP = "streamrec-processor";
    /**
     * Distinct request bodies the clients cycle through (400,000 events), built before the clock starts so that the
     * load costs the client little; at the maximum rate each repeats a few times, which raises counts on known pairs.
     */
    private static final int BODIES = 4_000;

    private final BenchmarkReport report = new BenchmarkReport(Path.of("target", "benchmarks", "sink-lag.md"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private Path dataDir;

    /** The pipeline's data and two graph databases: gigabytes that should not outlive the run. */
    @AfterEach
    void deleteDataDir() {
        if (dataDir != null) {
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    @Test
    void sinkLagWhileTheGatewayRunsAtItsMaximumRate() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        dataDir = Files.createTempDirectory(out, "sink-lag-");
        report.line("Measured %s UTC, %d cores, load average before: %s", LocalDateTime.now(ZoneOffset.UTC).withNano(0),
                Runtime.getRuntime().availableProcessors(), BenchmarkReport.loadAverage());
        report.line("Load: %d clients in a closed loop, %d events per POST, %d s; %,d users, %,d items (Zipf s=1.0)",
                CONNECTIONS, BATCH, SECONDS, USERS, ITEMS);
        TopicContent topic;
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), false);
             Admin admin = Admin.create(Map.of("bootstrap.servers", pipeline.urls().get("kafka")))) {
            Run run = loadThenDrain(pipeline, new Lags(admin));
            assertThat(run.sinkDrained).as("the processor and the sink drained within %s", DRAIN_WITHIN).isNotNaN();

            topic = TopicContent.read(pipeline.urls().get("kafka"), pipeline.urls().get("registry"), sampleUsers());
            int mismatches = compareSampleWithGraphApi(pipeline.urls().get("graph"), topic);
            report.line("graph API check: %d sample users, %d edges compared with the topic's latest records, %d mismatches",
                    topic.sampleUsers.size(), topic.sampleEdges.size(), mismatches);
            assertThat(mismatches).as("edges served by the graph API that differ from the topic").isZero();

            summarize(run, topic, drainAlone(pipeline, dataDir.resolve("graph-baseline"), topic));
        } finally {
            report.line("load average after: %s", BenchmarkReport.loadAverage());
        }
        long pipelineEdges = countEdges(dataDir.resolve("graph"));
        long baselineEdges = countEdges(dataDir.resolve("graph-baseline"));
        report.line("");
        report.line("| store, counted in ArcadeDB after the run | `Interacted` edges | distinct user-item keys in `user-item-edges` |");
        report.line("|---|---|---|");
        report.line("| the pipeline's sink | %,d | %,d |", pipelineEdges, topic.distinctKeys);
        report.line("| the baseline sink | %,d | %,d |", baselineEdges, topic.distinctKeys);
        assertThat(pipelineEdges).as("edges in the pipeline's store").isEqualTo(topic.distinctKeys);
        assertThat(baselineEdges).as("edges in the baseline's store").isEqualTo(topic.distinctKeys);
    }

    /** The load for {@link #SECONDS}, then the drain; one sample a second throughout. */
    private Run loadThenDrain(EmbeddedPipeline pipeline, Lags lags) throws Exception {
        SinkMeter sinkMeter = new SinkMeter(pipeline.urls().get("graph"));
        Load load = new Load(pipeline.urls().get("gateway"), requestBodies());
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        load.start();
        Sample previous = new Sample(0, true, 0, lags.processor(), lags.sink(), sinkMeter.read());
        double loadSeconds = Double.NaN;
        long loadEnd = Long.MAX_VALUE;
        double processorDrained = Double.NaN;
        for (int second = 1; ; second++) {
            sleepUntil(start + TimeUnit.SECONDS.toNanos(second));
            boolean loading = second <= SECONDS;
            if (second == SECONDS) {
                // the answers still in flight count for the load, so its length is measured when they are in
                load.stop();
                loadEnd = System.nanoTime();
                loadSeconds = seconds(loadEnd - start);
            }
            Sample sample = new Sample(second, loading, load.accepted.get(), lags.processor(), lags.sink(), sinkMeter.read());
            samples.add(sample);
            report.line("t=%3d s %s gateway %,7d ev/s | processor %,6d ev/s, lag %,9d | sink lag %,7d, wrote %,6d edges/s | load %s",
                    second, loading ? "load " : "drain", sample.accepted - previous.accepted,
                    sample.processor.committed - previous.processor.committed, sample.processor.lag(), sample.sink.lag(),
                    (long) (sample.sinkMeter.written - previous.sinkMeter.written), BenchmarkReport.loadAverage());
            previous = sample;
            if (!loading && Double.isNaN(processorDrained) && sample.processor.lag() == 0) {
                processorDrained = seconds(System.nanoTime() - loadEnd);
            }
            if (!loading && !Double.isNaN(processorDrained) && sample.sink.lag() == 0) {
                return new Run(samples, loadSeconds, load.accepted.get(), load.refused.get(), processorDrained,
                        seconds(System.nanoTime() - loadEnd));
            }
            if (!loading && System.nanoTime() - loadEnd > DRAIN_WITHIN.toNanos()) {
                return new Run(samples, loadSeconds, load.accepted.get(), load.refused.get(), processorDrained, Double.NaN);
            }
        }
    }

    /** What the load and the drain gave; the drain times count from the end of the load. */
    private record Run(List<Sample> samples, double loadSeconds, long accepted, long refused, double processorDrained,
                       double sinkDrained) {
        List<Sample> during(boolean loading) {
            return samples.stream().filter(s -> s.loading == loading).toList();
        }

        Sample last() {
            return samples.get(samples.size() - 1);
        }

        Sample lastOfLoad() {
            List<Sample> load = during(true);
            return load.get(load.size() - 1);
        }
    }

    private void summarize(Run run, TopicContent topic, Baseline alone) {
        List<Sample> loaded = run.during(true);
        long[] rates = new long[loaded.size()];
        for (int i = 0; i < loaded.size(); i++) {
            rates[i] = loaded.get(i).accepted - (i == 0 ? 0 : loaded.get(i - 1).accepted);
        }
        Arrays.sort(rates);
        long[] sinkLagLoad = sortedLags(run.during(true));
        long[] sinkLagDrain = sortedLags(run.during(false));
        Sample endOfLoad = run.lastOfLoad();
        Sample last = run.last();
        double processorRate = endOfLoad.processor.committed / run.loadSeconds;
        double runSeconds = last.second;
        SinkMeter.Reading sink = last.sinkMeter;
        report.line("");
        report.line("| measure | value |");
        report.line("|---|---|");
        report.line("| gateway, events accepted per second over the load (%d clients x %d events per POST, %.1f s) | **%,.0f** (per second: p50 %,d, max %,d); %,d refused |",
                CONNECTIONS, BATCH, run.loadSeconds, run.accepted / run.loadSeconds, percentile(rates, 50), percentile(rates, 100), run.refused);
        report.line("| processor (`%s`), events processed per second during the load | %,.0f |", PROCESSOR_GROUP, processorRate);
        report.line("| processor lag on `interactions`, max | **%,d events** |", run.samples.stream()
                .mapToLong(s -> s.processor.lag()).max().orElse(0));
        report.line("| processor drained (lag 0) after the load ended | %.0f s |", run.processorDrained);
        report.line("| sink (`%s`) lag on `user-item-edges` during the load, p50 / max | **%,d / %,d** offsets |", SINK_GROUP,
                percentile(sinkLagLoad, 50), percentile(sinkLagLoad, 100));
        report.line("| sink lag during the drain, p50 / max | %,d / %,d offsets |", percentile(sinkLagDrain, 50),
                percentile(sinkLagDrain, 100));
        report.line("| sink drained (lag 0) after the load ended / after the processor drained | **%.0f s** / %.0f s |",
                run.sinkDrained, run.sinkDrained - run.processorDrained);
        report.line("| records in `user-item-edges` / distinct user-item keys | %,d / %,d |", topic.records, topic.distinctKeys);
        report.line("| sink, edges written per second over the run (load + drain, %.0f s) | %,.0f |", runSeconds,
                sink.written / runSeconds);
        report.line("| sink, records per batch (mean of %,.0f batches) / edges per second of store writes (%.1f s writing) | %,.0f / %,.0f |",
                sink.batches, sink.writeSeconds, sink.recordsPerBatch(), sink.written / sink.writeSeconds);
        report.line("");
        report.line("| baseline in the same run: a second sink (fresh group, fresh store) drains the same %,d records alone afterwards (load average %s) | value | ratio |",
                topic.records, alone.loadAverage);
        report.line("|---|---|---|");
        report.line("| sink alone, edges/s from start to committed end (%.1f s) | **%,.0f** | headroom: %.2fx the processor's output during the load (%,.0f/s) |",
                alone.seconds, topic.records / alone.seconds, topic.records / alone.seconds / processorRate, processorRate);
        report.line("| sink alone, records per batch / edges per second of store writes (%.1f s writing) | %,.0f / %,.0f | in the pipeline: %.2fx per second of writes |",
                alone.sink.writeSeconds, alone.sink.recordsPerBatch(), alone.sink.written / alone.sink.writeSeconds,
                (sink.written / sink.writeSeconds) / (alone.sink.written / alone.sink.writeSeconds));
    }

    private static long[] sortedLags(List<Sample> samples) {
        return samples.stream().mapToLong(s -> s.sink.lag()).sorted().toArray();
    }

    private record Baseline(double seconds, SinkMeter.Reading sink, String loadAverage) {
    }

    /** The baseline: a second sink, fresh group and fresh store, drains the same topic while the pipeline idles. */
    private Baseline drainAlone(EmbeddedPipeline pipeline, Path graphPath, TopicContent topic) throws Exception {
        String group = "sink-lag-baseline";
        SinkConfig config = ConfigLoader.load(SinkConfig.class, Optional.empty(), Map.of(
                "streamrec.kafka.bootstrap-servers", pipeline.urls().get("kafka"),
                "streamrec.registry.url", pipeline.urls().get("registry"),
                "streamrec.sink.port", "0",
                "streamrec.sink.group-id", group,
                "streamrec.sink.arcadedb-path", graphPath.toString()));
        String loadAverage = BenchmarkReport.loadAverage();
        long start = System.nanoTime();
        try (GraphSink sink = new GraphSink(config); Admin admin = Admin.create(Map.of("bootstrap.servers", pipeline.urls().get("kafka")))) {
            sink.start();
            Lags lags = new Lags(admin);
            long deadline = start + DRAIN_WITHIN.toNanos();
            while (lags.position(group, Topics.USER_ITEM_EDGES.name()).lag() > 0) {
                assertThat(System.nanoTime()).as("the baseline sink drained the topic within %s", DRAIN_WITHIN).isLessThan(deadline);
                Thread.sleep(100);
            }
            double elapsed = seconds(System.nanoTime() - start);
            report.line("baseline sink drained %,d records in %.1f s", topic.records, elapsed);
            return new Baseline(elapsed, new SinkMeter("http://localhost:" + sink.port()).read(), loadAverage);
        }
    }

    private int compareSampleWithGraphApi(String graphUrl, TopicContent topic) throws Exception {
        int mismatches = 0;
        for (String user : topic.sampleUsers) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(graphUrl + "/v1/graph/users/" + user
                    + "/items?limit=1000")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET items of %s: %s", user, answer.body()).isEqualTo(200);
            Map<String, Map<String, Long>> served = new HashMap<>();
            for (JsonNode item : json.readTree(answer.body()).path("items")) {
                Map<String, Long> counts = new TreeMap<>();
                item.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
                served.put(item.path("itemId").asText(), counts);
            }
            Map<String, Map<String, Long>> expected = topic.sampleEdges.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(user + "\u0000"))
                    .collect(Collectors.toMap(e -> e.getKey().substring(user.length() + 1), Map.Entry::getValue));
            for (String item : union(served.keySet(), expected.keySet())) {
                if (!Objects.equals(served.get(item), expected.get(item))) {
                    if (mismatches++ < 5) {
                        report.line("mismatch %s/%s: served %s, topic %s", user, item, served.get(item), expected.get(item));
                    }
                }
            }
        }
        return mismatches;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static long countEdges(Path path) {
        try (DatabaseFactory factory = new DatabaseFactory(path.toString());
             Database database = factory.open(ComponentFile.MODE.READ_ONLY)) {
            return database.countType("Interacted", true);
        }
    }

    /** Request bodies of {@link #BATCH} events each: uniform users, Zipf items, mostly views, as in a shop. */
    private static List<String> requestBodies() {
        Random random = new Random(42);
        ZipfSampler zipf = new ZipfSampler(ITEMS, 1.0);
        List<String> bodies = new ArrayList<>(BODIES);
        for (int b = 0; b < BODIES; b++) {
            StringJoiner body = new StringJoiner(",", "[", "]");
            for (int e = 0; e < BATCH; e++) {
                int item = zipf.sample(random);
                double draw = random.nextDouble();
                String type = draw < 0.75 ? "view" : draw < 0.92 ? "click" : draw < 0.98 ? "add_to_cart" : "purchase";
                body.add("{\"userId\":\"" + user(random.nextInt(USERS)) + "\",\"itemId\":\"item-" + item
                        + "\",\"type\":\"" + type + "\"}");
            }
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static Set<String> sampleUsers() {
        Random random = new Random(7);
        Set<String> users = new HashSet<>();
        while (users.size() < Math.min(SAMPLE_USERS, USERS)) {
            users.add(user(random.nextInt(USERS)));
        }
        return users;
    }

    private static String user(int index) {
        return String.format("user-%06d", index);
    }

    /** Closed loop: each client sends its next batch as soon as the previous one is answered. */
    private final class Load {
        private final URI events;
        private final List<String> bodies;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final List<Thread> clients = new ArrayList<>();

        Load(String gatewayUrl, List<String> bodies) {
            this.events = URI.create(gatewayUrl + "/v1/events");
            this.bodies = bodies;
        }

        void start() {
            for (int c = 0; c < CONNECTIONS; c++) {
                int first = c * (BODIES / CONNECTIONS);
                Thread client = new Thread(() -> send(first), "load-" + c);
                client.start();
                clients.add(client);
            }
        }

        private void send(int first) {
            for (int i = first; running.get(); i++) {
                HttpRequest request = HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202 && answer.body().contains("\"accepted\":" + BATCH)) {
                        accepted.addAndGet(BATCH);
                    } else {
                        refused.addAndGet(BATCH);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    refused.addAndGet(BATCH);
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
    }

    private record Sample(int second, boolean loading, long accepted, Position processor, Position sink,
                          SinkMeter.Reading sinkMeter) {
    }

    /**
     * A group on a topic: its committed offsets, summed over the partitions, and its lag behind their last stable
     * offsets (what read_committed readers see).
     */
    private record Position(long committed, long lag) {
    }

    private static final class Lags {
        private final Admin admin;

        Lags(Admin admin) {
            this.admin = admin;
        }

        Position processor() throws Exception {
            return position(PROCESSOR_GROUP, Topics.INTERACTIONS.name());
        }

        Position sink() throws Exception {
            return position(SINK_GROUP, Topics.USER_ITEM_EDGES.name());
        }

        Position position(String group, String topic) throws Exception {
            Map<TopicPartition, OffsetSpec> specs = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long committedSum = 0;
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                long done = Optional.ofNullable(committed.get(partition.getKey())).map(OffsetAndMetadata::offset).orElse(0L);
                committedSum += done;
                lag += Math.max(0, partition.getValue() - done);
            }
            return new Position(committedSum, lag);
        }
    }

    /** The sink's own meters, read from its Prometheus endpoint. */
    private final class SinkMeter {
        private final URI metrics;

        SinkMeter(String graphUrl) {
            metrics = URI.create(graphUrl + "/metrics");
        }

        record Reading(double written, double writeSeconds, double batches, double batchRecords) {
            double recordsPerBatch() {
                return batchRecords / Math.max(1, batches);
            }
        }

        Reading read() throws Exception {
            String body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new Reading(value(body, "streamrec_sink_edges_written_total"), value(body, "streamrec_sink_write_seconds_sum"),
                    value(body, "streamrec_sink_batch_records_count"), value(body, "streamrec_sink_batch_records_sum"));
        }

        private static double value(String body, String name) {
            return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
    }

    /**
     * Everything committed to {@code user-item-edges}: its record count, its distinct keys, and the latest counts of
     * the sample users' edges (keyed "user NUL item").
     */
    private record TopicContent(long records, long distinctKeys, Set<String> sampleUsers,
                                Map<String, Map<String, Long>> sampleEdges) {
        static TopicContent read(String bootstrap, String registryUrl, Set<String> sampleUsers) {
            SchemaRegistryClient registry = SchemaRegistryClient.http(registryUrl);
            Deserializer<UserItemKey> keys = AvroSerde.forKeys(registry, UserItemKey.class).deserializer();
            Deserializer<UserItemEdge> values = AvroSerde.forValues(registry, UserItemEdge.class).deserializer();
            String topic = Topics.USER_ITEM_EDGES.name();
            Set<ByteBuffer> distinct = new HashSet<>();
            Map<String, Map<String, Long>> sampleEdges = new HashMap<>();
            long records = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    assertThat(System.nanoTime()).as("read the whole topic back in time").isLessThan(deadline);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        if (record.value() == null) {
                            continue;
                        }
                        distinct.add(ByteBuffer.wrap(record.key()));
                        UserItemKey key = keys.deserialize(topic, record.key());
                        if (sampleUsers.contains(key.getUserId())) {
                            UserItemEdge edge = values.deserialize(topic, record.value());
                            sampleEdges.put(key.getUserId() + "\u0000" + key.getItemId(), new TreeMap<>(edge.getCounts()));
                        }
                    }
                }
            }
            return new TopicContent(records, distinct.size(), sampleUsers, sampleEdges);
        }
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
