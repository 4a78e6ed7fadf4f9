package io.streamrec.cli;

import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import io.streamrec.schemas.Topics;
import io.streamrec.testkit.BenchmarkReport;
import io.streamrec.testkit.TestDirectories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 8's benchmark: {@code streamrec import} of MovieLens 100K (read in place) into the embedded pipeline's
 * Kafka, and the time until the processor's consumer group has committed every imported offset. Peer in the same
 * run, on the same broker: Kafka's own producer-perf-test with the importer's producer settings and the imported
 * records' average size. Not part of the test suite; run it as docs/benchmarks.md (section replay) says.
 */
class ImportReplayBenchmark {
    private static final Path RATINGS = Path.of(System.getProperty("bench.ratings", "../../shared/datasets/ml-100k/u.data"));
    private static final Duration CONSUMED_WITHIN = Duration.ofMinutes(Integer.getInteger("bench.consume-minutes", 20));
    private static final String PROCESSOR_GROUP = "streamrec-processor";
    private static final String ITEM_UPDATES = PROCESSOR_GROUP + "-item-updates";
    private static final int PARTITIONS = 6;

    private final BenchmarkReport report = new BenchmarkReport(Path.of("target", "benchmarks", "import-replay.md"));

    @Test
    void importMovieLensAndWaitForTheProcessor() throws Exception {
        Path ratings = RATINGS.toAbsolutePath().normalize();
        if (!Files.isReadable(ratings)) {
            throw new IllegalStateException("cannot read " + ratings + "; pass -Dbench.ratings=/path/to/u.data");
        }
        long lines;
        try (var stream = Files.lines(ratings)) {
            lines = stream.count();
        }
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Path dataDir = Files.createTempDirectory(out, "import-replay-");
        report.line("Measured %s UTC, load average before: %s", LocalDateTime.now(ZoneOffset.UTC).withNano(0), BenchmarkReport.loadAverage());
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), false)) {
            String bootstrap = pipeline.urls().get("kafka");
            Path config = Files.writeString(dataDir.resolve("streamrec.properties"),
                    "streamrec.kafka.bootstrap-servers=" + bootstrap + "\nstreamrec.registry.url=" + pipeline.urls().get("registry") + "\n");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Replay cold = replay(admin, config, ratings, 0);
                double recordBytes = averageValueBytes(bootstrap);
                // the same ratings by other users, into the pipeline that has just run (JIT-compiled, caches filled)
                Path renamed = Files.write(dataDir.resolve("warm-u.data"), Files.readAllLines(ratings).stream()
                        .map(line -> "warm-" + line).toList());
                Replay warm = replay(admin, config, renamed, cold.records());
                double peer = producerPerf(admin, bootstrap, cold.records(), (int) Math.round(recordBytes));

                report.line("");
                report.line("| %,d MovieLens ratings (%s, read in place) | seconds | events/s | ratio to peer |", lines, RATINGS);
                report.line("|---|---|---|---|");
                cold.rows(report, "fresh pipeline", peer);
                warm.rows(report, "running pipeline, the same ratings as new users", peer);
                report.line("| peer: kafka-producer-perf-test, %,d records of %d bytes, same producer settings, same broker | %.1f | %,.0f | 1.00x |",
                        cold.records(), Math.round(recordBytes), peer, cold.records() / peer);
                report.line("");
                report.line("Goal: the whole replay in <= 10 s. Import output: %s", cold.importOutput());
            }
        } finally {
            report.line("load average after: %s", BenchmarkReport.loadAverage());
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    /** One import and the time until the processor has committed it; {@code before} records were there already. */
    private Replay replay(Admin admin, Path config, Path ratings, long before) throws Exception {
        Map<String, Long> changelogsBefore = changelogEnds(admin);
        double streamCpuBefore = streamThreadsCpuSeconds();
        double processCpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        CommandRun importRun = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens",
                "--timestamps", "import");
        double imported = seconds(System.nanoTime() - start);
        if (importRun.exitCode() != 0) {
            throw new AssertionError("streamrec import exited with " + importRun.exitCode() + ": " + importRun.err());
        }
        Map<TopicPartition, Long> end = offsets(admin, Topics.INTERACTIONS.name(), OffsetSpec.latest());
        long records = end.values().stream().mapToLong(Long::longValue).sum() - before;
        report.line("imported %,d records in %.1f s", records, imported);
        double consumed = awaitCommitted(admin, end, start);
        report.line("processor committed every offset %.1f s after the import started", consumed);
        // the co-occurrence counts the user side handed over by then, through the processor's own topic
        double itemSide = awaitCommitted(admin, offsets(admin, ITEM_UPDATES, OffsetSpec.latest()), start);
        report.line("item side committed every item update %.1f s after the import started", itemSide);
        // CPU says more than wall time on 2 cores shared with other work: it hardly depends on the neighbours' load
        report.line("CPU from the import start until then: the processor's stream threads %.1f core-seconds, the whole"
                + " JVM (broker, registry, every service; the import runs in it too) %.1f", streamThreadsCpuSeconds()
                - streamCpuBefore, processCpuSeconds() - processCpuBefore);
        Map<String, Long> changelogsAfter = changelogEnds(admin);
        long stateWrites = changelogsAfter.entrySet().stream()
                .mapToLong(e -> e.getValue() - changelogsBefore.getOrDefault(e.getKey(), 0L)).sum();
        long pairWrites = changelogsAfter.entrySet().stream().filter(e -> e.getKey().contains("-item-pair"))
                .mapToLong(e -> e.getValue() - changelogsBefore.getOrDefault(e.getKey(), 0L)).sum();
        report.line("state written meanwhile: %,d records to the processor's changelogs, %,d of them pair counts",
                stateWrites, pairWrites);
        long deleted = offsets(admin, Topics.INTERACTIONS.name(), OffsetSpec.earliest()).values().stream()
                .mapToLong(Long::longValue).sum();
        if (deleted > 0) {
            throw new AssertionError(deleted + " imported records were deleted before the end: the processor may have skipped them");
        }
        return new Replay(records, imported, consumed, itemSide, importRun.out().lines()
                .filter(l -> l.startsWith("imported")).findFirst().orElse("(none)"));
    }

    private record Replay(long records, double imported, double consumed, double itemSide, String importOutput) {
        void rows(BenchmarkReport report, String pipeline, double peer) {
            report.line("| %s: `streamrec import --format movielens` -> `interactions` (%,d records, acks=all, idempotent, lz4) | %.1f | %,.0f | %.2fx |",
                    pipeline, records, imported, records / imported, imported / peer);
            report.line("| %s: import start -> processor committed every offset (%s) | %s | %s | %s |", pipeline,
                    PROCESSOR_GROUP,
                    Double.isNaN(consumed) ? "> " + CONSUMED_WITHIN.toSeconds() : String.format("%.1f", consumed),
                    Double.isNaN(consumed) ? "-" : String.format("%,.0f", records / consumed),
                    Double.isNaN(consumed) ? "-" : String.format("%.1fx", consumed / peer));
            report.line("| %s: import start -> item side committed the co-occurrence updates of those events | %s | %s | %s |",
                    pipeline, Double.isNaN(itemSide) ? "> " + CONSUMED_WITHIN.toSeconds() : String.format("%.1f", itemSide),
                    Double.isNaN(itemSide) ? "-" : String.format("%,.0f", records / itemSide),
                    Double.isNaN(itemSide) ? "-" : String.format("%.1fx", itemSide / peer));
        }
    }

    /** Seconds from {@code start} until the group committed the end offsets, or NaN when it did not in time. */
    private double awaitCommitted(Admin admin, Map<TopicPartition, Long> end, long start) throws Exception {
        long deadline = System.nanoTime() + CONSUMED_WITHIN.toNanos();
        long lastReport = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(PROCESSOR_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long done = end.keySet().stream().mapToLong(p -> Math.min(end.get(p),
                    Optional.ofNullable(committed.get(p)).map(OffsetAndMetadata::offset).orElse(0L))).sum();
            if (end.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                    && committed.get(e.getKey()).offset() >= e.getValue())) {
                return seconds(System.nanoTime() - start);
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                lastReport = System.nanoTime();
                System.out.printf("processor committed %,d of %,d after %.0f s%n", done,
                        end.values().stream().mapToLong(Long::longValue).sum(), seconds(lastReport - start));
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }

    /** CPU time of the processor's live stream threads (not their producers' network threads). */
    private static double streamThreadsCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(PROCESSOR_GROUP)
                    && thread.getThreadName().matches(".*-StreamThread-\\d+")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** End offsets of the processor's changelog topics (transaction markers included), by topic. */
    private static Map<String, Long> changelogEnds(Admin admin) throws Exception {
        Map<String, Long> ends = new TreeMap<>();
        for (String topic : admin.listTopics().names().get()) {
            if (topic.startsWith(PROCESSOR_GROUP + "-") && topic.endsWith("-changelog")) {
                ends.put(topic, offsets(admin, topic, OffsetSpec.latest()).values().stream()
                        .mapToLong(Long::longValue).sum());
            }
        }
        return ends;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> spec));
        return admin.listOffsets(specs).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Average serialized value size of the first imported records: what the peer sends. */
    private static double averageValueBytes(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.INTERACTIONS.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long bytes = 0;
            int count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count < 1000) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read only " + count + " imported records back within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.value().length;
                    count++;
                }
            }
            return (double) bytes / count;
        }
    }

    /** Kafka's producer-perf-test in a child JVM (it prints its summary to stdout); returns its elapsed seconds. */
    private double producerPerf(Admin admin, String bootstrap, long records, int recordBytes) throws Exception {
        String topic = "bench-producer-perf";
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "linger.ms=20", "batch.size=262144", "compression.type=lz4")
                .redirectErrorStream(true).start();
        long start = System.nanoTime();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(5, TimeUnit.MINUTES);
        double elapsed = seconds(System.nanoTime() - start);
        String summary = output.lines().filter(l -> l.contains("records sent") && l.contains("99th")).findFirst()
                .orElseThrow(() -> new AssertionError("producer-perf-test printed no summary:\n" + output));
        report.line("kafka-producer-perf-test: %s (process wall time %.1f s, JVM start included)", summary.trim(), elapsed);
        // the tool's own rate excludes its JVM start; compare like with like
        double perSecond = Double.parseDouble(summary.replaceAll("^.*?records sent, ([0-9.]+) records/sec.*$", "$1"));
        return records / perSecond;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
