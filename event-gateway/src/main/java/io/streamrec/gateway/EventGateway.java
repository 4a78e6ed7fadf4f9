package io.streamrec.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.gateway.GatewayConfig.GatewaySettings;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.schemas.serde.SchemaRegistryException;
import io.undertow.server.HttpHandler;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event gateway: takes interaction events over HTTP (servers: {@code POST /v1/events}; browsers: the same,
 * {@code POST /v1/beacon}, {@code GET /v1/pixel.gif} and the {@code /streamrec.js} snippet) and writes them to the
 * {@code interactions} topic, answering only once Kafka acknowledged every accepted event. Serves
 * {@code /health/live}, {@code /health/ready} (Kafka and the schema registry answer) and {@code /metrics} too.
 * Allowed origins, rate limits, accepted types and a maintenance switch follow etcd live ({@link LiveConfig}).
 *
 * <p>{@link #start()} checks Kafka, the {@code interactions} topic (it does not create it) and the registry before
 * it listens. {@link #close()} stops taking requests, waits for those in flight (and their acknowledgements),
 * then flushes and closes the producer.
 */
public final class EventGateway implements Service, HttpEndpoint {
    private static final String NAME = "event-gateway";
    private static final Logger log = LoggerFactory.getLogger(EventGateway.class);

    private final GatewayConfig config;
    private final String topic = Topics.INTERACTIONS.name();
    private final PrometheusMeterRegistry meterRegistry = Metrics.prometheus(NAME);
    private final GatewayMetrics metrics = new GatewayMetrics(meterRegistry);
    private Admin admin;
    private InteractionPublisher publisher;
    private DependencyProbes probes;
    private Client etcd;
    private LiveConfig liveConfig;
    private HttpService http;

    private final LiveSettings configuredLiveSettings;
    private final ApiKeys apiKeys;

    /** @throws StartupException listing every invalid {@code streamrec.gateway.*} setting */
    public EventGateway(GatewayConfig config) {
        List<String> problems = GatewaySettingsValidator.problems(config.gateway());
        Optional<LiveSettings> live = GatewaySettingsValidator.liveSettings(config.gateway(), problems);
        if (!problems.isEmpty()) {
            throw new StartupException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.config = config;
        this.configuredLiveSettings = live.orElseThrow();
        this.apiKeys = ApiKeys.load(config.gateway().apiKeys(), config.gateway().apiKeysFile());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() throws Exception {
        GatewaySettings settings = config.gateway();
        try {
            KafkaAdmin.awaitReachable(config.kafka());
            admin = KafkaAdmin.create(config.kafka(), GatewayProducerConfig.CLIENT_ID + "-admin");
            requireTopic();
            int schemaId = registerSchema(AvroSerde.forValues(
                    SchemaRegistryClient.connect(config.registry()), Interaction.class));
            publisher = new InteractionPublisher(
                    new KafkaProducer<>(GatewayProducerConfig.of(config.kafka(), settings), new StringSerializer(),
                            new InteractionSerializer(schemaId)),
                    topic, Duration.ofMillis(settings.produceTimeoutMs()), metrics.produceLatency());
            publisher.awaitTopicMetadata(Duration.ofMillis(config.kafka().startupTimeoutMs()));
            followLiveSettings();
            probes = new DependencyProbes(admin, config.registry().url(),
                    Duration.ofMillis(settings.readinessIntervalMs()));
            Readiness readiness = new Readiness()
                    .add("kafka", probes::kafkaReachable)
                    .add("schema-registry", probes::registryReachable);
            http = new HttpService(NAME, settings.host(), settings.port(), routes(settings), readiness, meterRegistry);
            http.start();
        } catch (Exception | Error e) {
            closeAfterFailedStart(e);
            throw e;
        }
        log.atInfo().addKeyValue("url", http.url() + GatewayRoutes.EVENTS_PATH).addKeyValue("topic", topic)
                .log("event gateway listening");
    }

    /** etcd is optional at start: without it the configured values apply until it answers. */
    private void followLiveSettings() throws InterruptedException {
        liveConfig = new LiveConfig(configuredLiveSettings);
        etcd = EtcdClients.connect(config.etcd());
        liveConfig.follow(etcd, Duration.ofMillis(config.etcd().startupTimeoutMs()));
    }

    private HttpHandler routes(GatewaySettings settings) {
        if (!apiKeys.required()) {
            log.atWarn().log("no API key configured (streamrec.gateway.api-keys or api-keys-file): POST "
                    + GatewayRoutes.EVENTS_PATH + " takes events from any server; configure keys in production");
        }
        EventValidator validator = new EventValidator(EventLimits.from(settings), new EventIds(),
                () -> liveConfig.get().acceptedTypes());
        EventReader body = new StreamingBodyReader(new StreamingEventParser(validator, settings.maxBatchEvents()),
                new ValidatingEventReader(EventSource.body(new EventParser(settings.maxBatchEvents())), validator));
        IoThreadAdmission ioThreadAdmission = new IoThreadAdmission(IoThreadAdmission.MAX_BODY_BYTES,
                publisher::hasBufferHeadroom);
        return new GatewayRoutes(settings, metrics, liveConfig, apiKeys, ioThreadAdmission).build(
                eventsHandler(body, AcceptedAnswer.EVENTS),
                eventsHandler(body, AcceptedAnswer.BEACON),
                eventsHandler(new ValidatingEventReader(new PixelQueryEvents(), validator), AcceptedAnswer.PIXEL));
    }

    private EventsHandler eventsHandler(EventReader reader, AcceptedAnswer answer) {
        return new EventsHandler(reader, answer, publisher, metrics, Clock.systemUTC(),
                config.gateway().retryAfterSeconds());
    }

    private void requireTopic() throws InterruptedException {
        int timeoutMs = config.kafka().startupTimeoutMs();
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new StartupException("topic " + topic + " does not exist in Kafka at "
                        + config.kafka().bootstrapServers() + "; create the Streamrec topics before starting the"
                        + " gateway (the demo and the cli do)");
            }
            throw new StartupException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new StartupException("Kafka at " + config.kafka().bootstrapServers() + " did not describe topic "
                    + topic + " within " + timeoutMs + " ms", e);
        }
    }

    /**
     * Registers the value schema now, so that sends never wait for the registry, and a registry that is down or
     * refuses the schema stops the start with a clear message.
     *
     * @return the schema id every record carries
     */
    private int registerSchema(AvroSerde<Interaction> serde) {
        try {
            return serde.register(topic);
        } catch (SchemaRegistryException e) {
            throw new StartupException("cannot register the Interaction schema: " + e.getMessage()
                    + "; start the schema registry or set STREAMREC_REGISTRY_URL", e);
        }
    }

    private void closeLiveSettings() {
        try {
            if (liveConfig != null) {
                liveConfig.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            liveConfig = null;
            if (etcd != null) {
                etcd.close();
                etcd = null;
            }
        }
    }

    private void closeAfterFailedStart(Throwable failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The bound HTTP port; differs from the configured one when that was 0. */
    @Override
    public int port() {
        if (http == null) {
            throw new IllegalStateException(NAME + " is not started");
        }
        return http.port();
    }

    /** The live settings in force now: the configured ones as overridden by etcd. */
    LiveSettings liveSettings() {
        if (liveConfig == null) {
            throw new IllegalStateException(NAME + " is not started");
        }
        return liveConfig.get();
    }

    @Override
    public synchronized void close() {
        try {
            if (http != null) {
                // first: requests in flight still wait for their acknowledgements through the producer
                http.close();
            }
        } catch (InterruptedException e) {
            // stop waiting for the drain, but still flush below: what Kafka was given must not be lost
            Thread.currentThread().interrupt();
        } finally {
            http = null;
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
            if (probes != null) {
                probes.close();
                probes = null;
            }
            closeLiveSettings();
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }
}
