package io.streamrec.processor.bench;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.processor.ProcessorConfig;
import io.streamrec.processor.Strategy;
import io.streamrec.processor.StreamProcessor;
import io.streamrec.processor.TestProcessorSettings;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.BenchmarkReport;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speed of the real processor with its default settings, on the in-JVM broker with the real registry and etcd:
 * <ol>
 *   <li>(b) baseline first, on the same broker and topic: a read_committed consumer and a transactional producer
 *   copying all of MovieLens 100K's ratings, committing every 100 ms like the processor's default commit interval;
 *   <li>(a) the same ratings, produced before the processor starts, as interactions: events/s from the processor's
 *   start until its committed offsets reach the end of {@code interactions} (user side), and until the item side has
 *   also consumed every increment batch the user side wrote;
 *   <li>(d) event → recommendation latency of sequential single events of fresh users;
 *   <li>(c) a strategy put in etcd → every recommendation of 10,000 active users re-emitted and read from
 *   {@code recommendations} (read_committed), per user and in total.
 * </ol>
 * MovieLens is read in place (research licence: never copied). {@code -Dbench.processor.<key>=<value>} overrides
 * {@code streamrec.processor.<key>}; {@code -Dbench.item-timeout-s} bounds the wait for the item side. Results go to
 * {@code target/benchmarks/processor-throughput.md}. Not part of {@code mvn verify}: run it with
 * {@code mvn -B -o verify -pl stream-processor -Dit.test=ProcessorThroughputBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@WithSchemaRegistry
@WithEtcd
class ProcessorThroughputBenchmark {
    private static final String APPLICATION_ID = "streamrec-processor";
    private static final String STRATEGY = "default";
    private static final String COPY_TOPIC = "bench-baseline-copy";
    private static final Path REPORT = Path.of("target", "benchmarks", "processor-throughput.md");
    private static final int ACTIVE_USERS = 10_000;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration USER_SIDE_TIMEOUT = Duration.ofSeconds(Long.getLong("bench.user-timeout-s", 900));
    private static final Duration ITEM_SIDE_TIMEOUT = Duration.ofSeconds(Long.getLong("bench.item-timeout-s", 900));
    private static final int LATENCY_EVENTS = Integer.getInteger("bench.latency-events", 300);
    private static final Duration LATENCY_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Long> firstAtVersionNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedNanosByTrigger = new ConcurrentHashMap<>();
    private volatile long awaitedVersion = Long.MAX_VALUE;

    @Test
    void throughputAndLatency(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd)
            throws Exception {
        List<MovieLens.Rating> ratings = MovieLens.load(Path.of(System.getProperty("movielens.path",
                MovieLens.DEFAULT_PATH.toString())), 1.0, 42).train();
        int events = ratings.size();
        kafka.createStreamrecTopics();
        kafka.createTopics(new TopicSpec(COPY_TOPIC, Topics.INTERACTIONS.partitions(), Map.of()));
        Map<String, String> overrides = overrides(kafka, registry, etcd);
        BenchmarkReport report = new BenchmarkReport(REPORT);
        report.add("# Processor throughput benchmark");
        report.add("");
        report.add("date " + Instant.now() + ", load average at start " + BenchmarkReport.loadAverage()
                + ", cores " + Runtime.getRuntime().availableProcessors());
        report.add("processor overrides: " + overrides.entrySet().stream()
                .filter(e -> e.getKey().startsWith("streamrec.processor.")).map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(", ")));

        List<String> items = ratings.stream().map(MovieLens.Rating::itemId).distinct().toList();
        try (KafkaProducer<String, Interaction> producer = kafka.producer(new StringSerializer(),
                AvroSerde.forValues(registry.client(), Interaction.class))) {
            for (MovieLens.Rating rating : ratings) {
                producer.send(new ProducerRecord<>(Topics.INTERACTIONS.name(), rating.userId(), rating.asEvent()));
            }
            producer.flush();
            Map<TopicPartition, Long> inputEnd = ProcessorOffsets.endOffsets(kafka, Topics.INTERACTIONS.name(),
                    IsolationLevel.READ_UNCOMMITTED);

            // (b) the baseline: what the broker and clients alone do with the same records and guarantee
            double baselineSeconds = copyTransactionally(kafka, events);
            double baselineRate = events / baselineSeconds;
            report.add("");
            report.add(String.format(Locale.ROOT, "(b) baseline copy loop (read_committed consumer + transactional"
                    + " producer, commit every %d ms): %d events in %.2f s = %.0f events/s",
                    COMMIT_INTERVAL.toMillis(), events, baselineSeconds, baselineRate));

            // (a) throughput through the topology with exactly_once_v2
            long started = System.nanoTime();
            try (StreamProcessor processor = new StreamProcessor(ConfigLoader.load(ProcessorConfig.class,
                    Optional.empty(), overrides))) {
                processor.start();
                Poll.until(USER_SIDE_TIMEOUT, () -> ProcessorOffsets.caughtUp(kafka, APPLICATION_ID, inputEnd),
                        done -> done);
                double userSeconds = (System.nanoTime() - started) / 1e9;
                double userRate = events / userSeconds;
                report.add(String.format(Locale.ROOT, "(a) user side: %d events committed in %.2f s = %.0f events/s;"
                        + " ratio to baseline %.3f", events, userSeconds, userRate, userRate / baselineRate));
                String itemTopic = APPLICATION_ID + "-item-updates";
                Map<TopicPartition, Long> itemEnd = ProcessorOffsets.endOffsets(kafka, itemTopic,
                        IsolationLevel.READ_COMMITTED);
                long itemRecords = itemEnd.values().stream().mapToLong(Long::longValue).sum();
                try {
                    Poll.until(ITEM_SIDE_TIMEOUT, () -> ProcessorOffsets.caughtUp(kafka, APPLICATION_ID, itemEnd),
                            done -> done);
                    double itemSeconds = (System.nanoTime() - started) / 1e9;
                    double itemRate = events / itemSeconds;
                    report.add(String.format(Locale.ROOT, "(a) item side too: all %d increment-batch records"
                            + " consumed and committed at %.2f s = %.0f events/s; ratio to baseline %.3f",
                            itemRecords, itemSeconds, itemRate, itemRate / baselineRate));
                } catch (AssertionError e) {
                    long behind = ProcessorOffsets.lag(kafka, APPLICATION_ID, itemEnd);
                    report.add(String.format(Locale.ROOT, "(a) item side NOT caught up within %d s after the user side:"
                            + " %d of %d increment-batch records still to go", ITEM_SIDE_TIMEOUT.toSeconds(),
                            behind, itemRecords));
                }

                try (RecommendationsTail tail = RecommendationsTail.start(kafka, registry, true, this::received)) {
                    // (d) latency of single events of fresh users, one at a time
                    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                    Random random = new Random(7);
                    int latencySent = 0;
                    for (int i = 0; i < LATENCY_EVENTS; i++) {
                        String eventId = "lat-" + i;
                        latencySent++;
                        long sent = System.nanoTime();
                        Interaction single = MovieLens.interaction(eventId, "lat-user-" + i,
                                items.get(random.nextInt(items.size())), InteractionType.view, Instant.now());
                        producer.send(new ProducerRecord<>(Topics.INTERACTIONS.name(), "lat-user-" + i, single)).get();
                        try {
                            long received = Poll.until(LATENCY_TIMEOUT, () -> receivedNanosByTrigger.get(eventId),
                                    r -> r != null);
                            latency.recordValue(Math.max(0, (received - sent) / 1000));
                        } catch (AssertionError e) {
                            report.add(String.format(Locale.ROOT, "(d) event %d of %d: no recommendation within %d s;"
                                    + " latency measurement stopped", i + 1, LATENCY_EVENTS, LATENCY_TIMEOUT.toSeconds()));
                            break;
                        }
                    }
                    report.add(String.format(Locale.ROOT, "(d) event -> recommendation, %d sequential events: p50 %.1f ms,"
                                    + " p99 %.1f ms, max %.1f ms", latency.getTotalCount(),
                            latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                            latency.getMaxValue() / 1000.0));

                    // (c) strategy change -> the recommendations of 10,000 active users: MovieLens' users, the latency
                    // users and fresh users up to 10,000
                    Set<String> active = ConcurrentHashMap.newKeySet();
                    ratings.forEach(r -> active.add(r.userId()));
                    for (int i = 0; i < latencySent; i++) {
                        active.add("lat-user-" + i);
                    }
                    int fresh = ACTIVE_USERS - active.size();
                    for (int i = 0; i < fresh; i++) {
                        String user = "active-" + i;
                        active.add(user);
                        Interaction click = MovieLens.interaction("act-" + i, user,
                                items.get(random.nextInt(items.size())), InteractionType.click, Instant.now());
                        producer.send(new ProducerRecord<>(Topics.INTERACTIONS.name(), user, click));
                    }
                    producer.flush();
                    Map<TopicPartition, Long> activeEnd = ProcessorOffsets.endOffsets(kafka, Topics.INTERACTIONS.name(),
                            IsolationLevel.READ_UNCOMMITTED);
                    Poll.until(USER_SIDE_TIMEOUT, () -> ProcessorOffsets.caughtUp(kafka, APPLICATION_ID, activeEnd),
                            done -> done);
                    Poll.until(Duration.ofSeconds(60), () -> receivedNanosByTrigger.containsKey("act-" + (fresh - 1)),
                            done -> done);
                    assertThat(active).hasSize(ACTIVE_USERS);

                    // set before the put: the re-emitted records may arrive before the put's own answer
                    awaitedVersion = etcd.client().getKVClient().get(bytes(Strategy.ETCD_PREFIX)).get(10, TimeUnit.SECONDS)
                            .getHeader().getRevision() + 1;
                    long put = System.nanoTime();
                    putStrategy(etcd, "{\"topN\": 10}");
                    Poll.until(Duration.ofMinutes(5), () -> active.stream().filter(firstAtVersionNanos::containsKey).count(),
                            n -> n == ACTIVE_USERS);
                    Histogram reemit = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
                    active.forEach(user -> reemit.recordValue(Math.max(0, (firstAtVersionNanos.get(user) - put) / 1000)));
                    report.add(String.format(Locale.ROOT, "(c) strategy put -> re-emitted recommendations of %d active"
                                    + " users read: p50 %.0f ms, p99 %.0f ms, max (= total) %.0f ms; %.0f users/s",
                            ACTIVE_USERS, reemit.getValueAtPercentile(50) / 1000.0, reemit.getValueAtPercentile(99) / 1000.0,
                            reemit.getMaxValue() / 1000.0, ACTIVE_USERS / (reemit.getMaxValue() / 1e6)));
                }
            }
        } finally {
            report.add("load average at end " + BenchmarkReport.loadAverage());
        }
    }

    private Map<String, String> overrides(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                          EtcdTestServer etcd) throws Exception {
        Map<String, String> overrides = TestProcessorSettings.overrides(kafka, registry, etcd, "throughput-state");
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("bench.processor."))
                .forEach(key -> overrides.put("streamrec.processor." + key.substring("bench.processor.".length()),
                        System.getProperty(key)));
        return overrides;
    }

    /** Copies {@code interactions} exactly once, as the processor's transactions would: returns the seconds taken. */
    private static double copyTransactionally(KafkaTestCluster kafka, int events) {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-baseline-copy");
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.INTERACTIONS.name()));
            int copied = 0;
            long transactionStarted = 0;
            boolean open = false;
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long deadline = System.nanoTime() + USER_SIDE_TIMEOUT.toNanos();
            while (copied < events || open) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("baseline copied only " + copied + " of " + events);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!open) {
                        producer.beginTransaction();
                        open = true;
                        transactionStarted = System.nanoTime();
                    }
                    producer.send(new ProducerRecord<>(COPY_TOPIC, record.key(), record.value()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    copied++;
                }
                if (open && (copied == events || System.nanoTime() - transactionStarted >= COMMIT_INTERVAL.toNanos())) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    offsets.clear();
                    open = false;
                }
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Notes when each trigger and each user's first recommendation at the awaited strategy version arrive. */
    private void received(RecommendationsTail.Received received) {
        Recommendations value = received.record().value();
        if (value.getTriggerEventId() != null) {
            receivedNanosByTrigger.putIfAbsent(value.getTriggerEventId(), received.nanos());
        }
        if (value.getStrategyVersion() >= awaitedVersion) {
            firstAtVersionNanos.putIfAbsent(received.record().key(), received.nanos());
        }
    }



    private static long putStrategy(EtcdTestServer etcd, String json) throws Exception {
        return etcd.client().getKVClient().put(bytes(Strategy.ETCD_PREFIX + STRATEGY), bytes(json))
                .get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }
}
