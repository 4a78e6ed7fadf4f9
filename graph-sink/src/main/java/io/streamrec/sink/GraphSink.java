package io.streamrec.sink;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.kafka.KafkaClientConfigs;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.sink.api.GraphApi;
import io.streamrec.sink.store.GraphStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the user–item graph in step with {@code user-item-edges} and serves it over HTTP. Start: check Kafka, open
 * the store, serve the graph API, then consume on one thread in batches, committing offsets only after the store
 * holds each batch. Close: finish, write and commit the current batch, then close the consumer, the API and the store.
 * Ready once the consumer has its partitions and the store is open.
 */
public final class GraphSink implements Service, HttpEndpoint {
    /** The thread that consumes the topic and writes the store; named so that profiles and benchmarks find it. */
    static final String LOOP_THREAD_NAME = "graph-sink-consumer";
    private static final Logger log = LoggerFactory.getLogger(GraphSink.class);
    private static final String NAME = "graph-sink";
    private static final String CLIENT_ID = "streamrec-graph-sink";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_INITIAL = Duration.ofMillis(100);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final SinkConfig config;
    private final Optional<GraphStore> injectedStore;
    private final PrometheusMeterRegistry registry;
    private GraphStore store;
    private HttpService http;
    private KafkaClientMetrics consumerMetrics;
    private KafkaProducer<byte[], byte[]> deadLetterProducer;
    private volatile EdgeSinkLoop loop;

    /** The graph store is the one configured in {@code streamrec.sink.store}, opened on start. */
    public GraphSink(SinkConfig config) {
        this(config, Optional.empty());
    }

    /** Writes to and serves from {@code store} (the embedded runtime's or a test's); the sink closes it on close. */
    public GraphSink(SinkConfig config, GraphStore store) {
        this(config, Optional.of(store));
    }

    private GraphSink(SinkConfig config, Optional<GraphStore> store) {
        validate(config.sink());
        this.config = config;
        this.injectedStore = store;
        this.registry = Metrics.prometheus(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        try {
            KafkaAdmin.awaitReachable(config.kafka());
            store = injectedStore.orElseGet(() -> GraphStores.open(config.sink()));
            GraphStore opened = store;
            Readiness readiness = new Readiness()
                    .add("kafka-consumer", this::consumerAssigned)
                    .add("graph-store", opened::isOpen);
            http = new HttpService(NAME, config.sink().host(), config.sink().port(), GraphApi.routes(store),
                    readiness, registry);
            http.start();
            loop = startConsumer();
        } catch (RuntimeException e) {
            // the caller never closes a service whose start failed
            stopQuietly();
            throw e;
        }
        log.atInfo().addKeyValue("url", http.url()).addKeyValue("topic", Topics.USER_ITEM_EDGES.name())
                .addKeyValue("group", config.sink().groupId()).log("graph sink started");
    }

    private boolean consumerAssigned() {
        EdgeSinkLoop current = loop;
        return current != null && current.isAssigned();
    }

    /** The bound port of the graph API, which differs from the configured one when that was 0. */
    @Override
    public int port() {
        return http.port();
    }

    /** Waits for the consumer to write and commit its last batch; an interrupt cuts the waits short but not the cleanup. */
    @Override
    public void close() {
        EdgeSinkLoop running = loop;
        if (running != null) {
            running.stop();
            awaitStopped(running);
            loop = null;
        }
        if (consumerMetrics != null) {
            consumerMetrics.close();
            consumerMetrics = null;
        }
        if (deadLetterProducer != null) {
            // the loop has stopped: every dead letter it sent was acknowledged before its commit
            deadLetterProducer.close(PRODUCER_CLOSE_TIMEOUT);
            deadLetterProducer = null;
        }
        if (http != null) {
            closeHttp();
            http = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        registry.close();
    }

    private static void awaitStopped(EdgeSinkLoop running) {
        try {
            if (!running.awaitStopped(STOP_TIMEOUT)) {
                log.atWarn().addKeyValue("timeoutMs", STOP_TIMEOUT.toMillis())
                        .log("consumer did not stop in time; uncommitted records will be consumed again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeHttp() {
        try {
            http.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EdgeSinkLoop startConsumer() {
        SinkSettings sink = config.sink();
        SchemaRegistryClient registryClient = SchemaRegistryClient.connect(config.registry());
        EdgeDecoder decoder = new EdgeDecoder(AvroSerde.forKeys(registryClient, UserItemKey.class),
                AvroSerde.forValues(registryClient, UserItemEdge.class));
        Map<String, Object> properties = KafkaClientConfigs.consumer(config.kafka(), CLIENT_ID, sink.groupId());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sink.batchSize());
        // static membership: a restarted instance gets its partitions back at once, not after the session timeout
        sink.instanceId().ifPresent(id -> properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        // raw bytes: records are decoded one by one so that a bad one is skipped instead of failing the poll
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        deadLetterProducer = new KafkaProducer<>(KafkaClientConfigs.producer(config.kafka(), CLIENT_ID + "-dlq"),
                new ByteArraySerializer(), new ByteArraySerializer());
        EdgeSinkLoop sinkLoop = new EdgeSinkLoop(consumer, Topics.USER_ITEM_EDGES.name(), decoder, store,
                new DeadLetters(deadLetterProducer), new SinkMetrics(registry, sink.batchSize()), new PendingBatch(sink.batchSize(),
                Duration.ofMillis(sink.lingerMs()).toNanos()), new Backoff(RETRY_INITIAL, RETRY_MAX));
        new Thread(sinkLoop, LOOP_THREAD_NAME).start();
        return sinkLoop;
    }


    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("cleanup after a failed start failed");
        }
    }

    private static void validate(SinkSettings sink) {
        List<String> problems = new ArrayList<>();
        if (sink.port() < 0 || sink.port() > 65_535) {
            problems.add("streamrec.sink.port must be between 0 and 65535, got " + sink.port());
        }
        if (sink.batchSize() < 1) {
            problems.add("streamrec.sink.batch-size must be at least 1, got " + sink.batchSize());
        }
        if (sink.lingerMs() < 0) {
            problems.add("streamrec.sink.linger-ms must not be negative, got " + sink.lingerMs());
        }
        if (sink.groupId().isBlank()) {
            problems.add("streamrec.sink.group-id must not be blank");
        }
        if (!problems.isEmpty()) {
            throw new StartupException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }
}
