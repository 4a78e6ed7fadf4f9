package io.streamrec.processor;

import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.kafka.KafkaClientConfigs;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.undertow.Handlers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link RecommendationTopology} with Kafka Streams, exactly once, under the strategy named in the config, live
 * from etcd ({@link LiveStrategies}).
 *
 * <p>Start: check that Kafka answers and the topics exist, load the strategies (falling back to the built-in default
 * when etcd does not answer), serve {@code /v1/strategy}, health and metrics, then start Kafka Streams. Ready while
 * Kafka Streams is RUNNING (not while it rebalances). Close: stop Kafka Streams, which commits what it
 * processed, then the HTTP server and the etcd watch.
 */
public final class StreamProcessor implements Service, HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
    private static final String NAME = "stream-processor";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long TOPIC_POLL_MS = 100;
    private static final List<TopicSpec> TOPICS =
            List.of(Topics.INTERACTIONS, Topics.INTERACTIONS_DLQ, Topics.USER_ITEM_EDGES, Topics.RECOMMENDATIONS);

    private final ProcessorConfig config;
    private final PrometheusMeterRegistry metrics = Metrics.prometheus(NAME);
    private Client etcd;
    private LiveStrategies strategies;
    private HttpService http;
    private volatile KafkaStreams streams;
    private volatile PullQueries pullQueries;
    private KafkaStreamsMetrics streamsMetrics;

    public StreamProcessor(ProcessorConfig config) {
        validate(config.processor());
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        KafkaAdmin.awaitReachable(config.kafka());
        TopologySettings settings = TopologySettings.of(config.processor(), requireTopics());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(config.registry());
        ProcessorConfig.ProcessorSettings processor = config.processor();
        try {
            etcd = EtcdClients.connect(config.etcd());
            strategies = LiveStrategies.open(etcd, processor.strategy(), processor.experiment(),
                    Duration.ofMillis(config.etcd().startupTimeoutMs()), metrics);
            Readiness readiness = new Readiness();
            http = new HttpService(NAME, processor.host(), processor.port(), Handlers.pathTemplate()
                    .add("/v1/strategy", new ActiveStrategyHandler(strategies))
                    .add(UserRecommendationsHandler.TEMPLATE,
                            new PullEndpoint(() -> pullQueries, new UserRecommendationsHandler()))
                    .add(SimilarItemsHandler.TEMPLATE,
                            new PullEndpoint(() -> pullQueries, new SimilarItemsHandler(strategies))),
                    readiness, metrics);
            // before joining the group: a port in use should fail the start without causing a rebalance
            http.start();
            KafkaStreams started = startStreams(registry, settings);
            pullQueries = new PullQueries(started, processor.advertisedUrl().map(StreamsProperties::hostInfo));
            readiness.add("kafka-streams", () -> started.state() == KafkaStreams.State.RUNNING);
        } catch (RuntimeException | InterruptedException e) {
            // the caller never closes a service whose start failed
            stopQuietly();
            throw e;
        }
        log.atInfo().addKeyValue("url", http.url()).addKeyValue("applicationId", processor.applicationId())
                .addKeyValue("strategy", processor.strategy()).log("stream processor started");
    }

    /** The bound port of the HTTP endpoints, which differs from the configured one when that was 0. */
    @Override
    public int port() {
        return http.port();
    }

    @Override
    public void close() throws InterruptedException {
        pullQueries = null;
        if (streams != null) {
            // commits the open transaction; what is not committed in time is processed again by the next owner
            if (!streams.close(CLOSE_TIMEOUT)) {
                log.atWarn().addKeyValue("timeoutMs", CLOSE_TIMEOUT.toMillis())
                        .log("Kafka Streams did not stop in time; uncommitted records will be processed again");
            }
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
        if (strategies != null) {
            strategies.close();
            strategies = null;
        }
        if (etcd != null) {
            etcd.close();
            etcd = null;
        }
        metrics.close();
    }

    private KafkaStreams startStreams(SchemaRegistryClient registry, TopologySettings settings) {
        try {
            streams = new KafkaStreams(RecommendationTopology.build(registry, strategies, metrics, settings),
                    StreamsProperties.of(config));
        } catch (StreamsException e) {
            throw new StartupException("cannot open the state directory " + config.processor().stateDir()
                    + ": " + e.getMessage() + "; is another processor using it? Set streamrec.processor.state-dir", e);
        }
        streams.setUncaughtExceptionHandler(new StreamThreadFailures());
        streams.setStateListener((next, previous) -> log.atInfo().addKeyValue("from", previous)
                .addKeyValue("to", next).log("Kafka Streams state changed"));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        streams.start();
        return streams;
    }

    /**
     * Checks that Streamrec's topics exist and creates the processor's internal item topics with
     * {@code item-partitions} partitions (by default as many as {@code interactions}, as Kafka Streams would size a
     * repartition topic), or keeps the count they have; returns that partition count.
     */
    private int requireTopics() {
        try (Admin admin = KafkaAdmin.create(config.kafka(), "streamrec-processor-admin")) {
            long timeoutMs = config.kafka().startupTimeoutMs();
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<String> missing = TOPICS.stream().map(TopicSpec::name).filter(name -> !existing.contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new StartupException("missing Kafka topics " + String.join(", ", missing)
                        + ": create Streamrec's topics first (the demo does; elsewhere KafkaAdmin.ensureTopics with Topics.all())");
            }
            Optional<Integer> setting = config.processor().itemPartitions();
            int configured = setting.isPresent() ? setting.get()
                    : partitionsOf(admin, Topics.INTERACTIONS.name(), timeoutMs);
            TopologySettings names = TopologySettings.of(config.processor(), configured);
            int partitions = existing.contains(names.itemUpdatesTopic())
                    ? existingItemPartitions(admin, names.itemUpdatesTopic(), configured, timeoutMs) : configured;
            KafkaAdmin.ensureTopics(admin, List.of(
                    TopicSpec.retained(names.itemUpdatesTopic(), partitions, Duration.ofDays(1)),
                    TopicSpec.compacted(names.neighboursTopic(), partitions),
                    TopicSpec.compacted(names.rankingsTopic(), 1)));
            awaitConsumerMetadata(List.of(names.neighboursTopic(), names.rankingsTopic()), timeoutMs);
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while listing Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot list Kafka topics at " + config.kafka().bootstrapServers() + ": " + e, e);
        }
    }

    /** The partitions of the existing item-updates topic, which route increments to the state of their items. */
    private int existingItemPartitions(Admin admin, String topic, int configured, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = partitionsOf(admin, topic, timeoutMs);
        if (partitions != configured) {
            log.atWarn().addKeyValue("topic", topic).addKeyValue("partitions", partitions)
                    .addKeyValue("configured", configured)
                    .log("the item side keeps its existing partition count: its state is partitioned by it");
        }
        return partitions;
    }

    private static int partitionsOf(Admin admin, String topic, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
    }

    /**
     * Waits until a consumer's metadata lists the partitions of the global stores' topics. The global stream thread
     * gives up at once, and takes the whole processor down, when its first lookup finds none; right after creation
     * that happened under load even though the admin client already described the topics.
     */
    private void awaitConsumerMetadata(List<String> topics, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.consumer(config.kafka(), "streamrec-processor-metadata", null),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : topics) {
                while (consumer.partitionsFor(topic, Duration.ofMillis(timeoutMs)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new StartupException("topic " + topic + " has no partitions in consumer metadata "
                                + timeoutMs + " ms after creating it");
                    }
                    Thread.sleep(TOPIC_POLL_MS);
                }
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("cleanup after a failed start failed");
        }
    }

    private static void validate(ProcessorConfig.ProcessorSettings processor) {
        List<String> problems = new ArrayList<>();
        if (processor.port() < 0 || processor.port() > 65_535) {
            problems.add("streamrec.processor.port must be between 0 and 65535, got " + processor.port());
        }
        if (processor.applicationId().isBlank()) {
            problems.add("streamrec.processor.application-id must not be blank");
        }
        if (processor.commitIntervalMs() < 1) {
            problems.add("streamrec.processor.commit-interval-ms must be at least 1, got " + processor.commitIntervalMs());
        }
        if (processor.numStreamThreads() < 1) {
            problems.add("streamrec.processor.num-stream-threads must be at least 1, got " + processor.numStreamThreads());
        }
        positive(problems, "dedup-window-ms", processor.dedupWindowMs());
        positive(problems, "history-size", processor.historySize());
        positive(problems, "cooccurrence-window", processor.cooccurrenceWindow());
        processor.itemPartitions().ifPresent(partitions -> positive(problems, "item-partitions", partitions));
        positive(problems, "max-seeds", processor.maxSeeds());
        positive(problems, "neighbours", processor.neighbours());
        positive(problems, "row-cache-size", processor.rowCacheSize());
        notNegative(problems, "pair-rows-size", processor.pairRowsSize());
        positive(problems, "leaderboard-size", processor.leaderboardSize());
        positive(problems, "publish-interval-ms", processor.publishIntervalMs());
        positive(problems, "publish-max-items", processor.publishMaxItems());
        positive(problems, "popularity-half-life-hours", processor.popularityHalfLifeHours());
        positive(problems, "trending-half-life-minutes", processor.trendingHalfLifeMinutes());
        notNegative(problems, "coalesce-ms", processor.coalesceMs());
        notNegative(problems, "backfill-age-ms", processor.backfillAgeMs());
        notNegative(problems, "backfill-coalesce-ms", processor.backfillCoalesceMs());
        positive(problems, "backfill-dedup-window-ms", processor.backfillDedupWindowMs());
        positive(problems, "reemit-window-ms", processor.reemitWindowMs());
        positive(problems, "reemit-per-second", processor.reemitPerSecond());
        processor.advertisedUrl().ifPresent(url -> {
            try {
                StreamsProperties.hostInfo(url);
            } catch (IllegalArgumentException e) {
                problems.add("streamrec.processor.advertised-url " + e.getMessage());
            }
        });
        if (!Strategy.isValidName(processor.strategy())) {
            problems.add("streamrec.processor.strategy must be 1-128 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit, got '" + processor.strategy() + "'");
        }
        processor.experiment().filter(name -> !Strategy.isValidName(name)).ifPresent(name ->
                problems.add("streamrec.processor.experiment must be 1-128 letters, digits, '.', '_' or '-', got '"
                        + name + "'"));
        if (!problems.isEmpty()) {
            throw new StartupException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void positive(List<String> problems, String key, long value) {
        if (value < 1) {
            problems.add("streamrec.processor." + key + " must be at least 1, got " + value);
        }
    }

    private static void notNegative(List<String> problems, String key, long value) {
        if (value < 0) {
            problems.add("streamrec.processor." + key + " must be at least 0, got " + value);
        }
    }
}
