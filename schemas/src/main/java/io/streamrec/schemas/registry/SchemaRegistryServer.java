package io.streamrec.schemas.registry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The embedded schema registry: a subset of the Confluent Schema Registry REST API (see the module README), storing
 * its state in the compacted, single-partition {@code _schemas} topic as Confluent does.
 *
 * <p>On start it creates the topic if needed, reads it from the beginning to its end to rebuild the state, and only
 * then serves HTTP ({@code /health/ready} reports whether the state is complete and the topic is being tailed). A
 * background consumer keeps tailing the topic, so instances sharing a cluster, and restarts, see the same schemas.
 * A write is produced with acks=all and idempotence, and answered once this instance's tail has applied it.
 *
 * <p>Single-writer assumption: registrations are serialized within an instance, but instances do not elect a leader
 * as Confluent's do. Run one instance that receives writes (any number may serve reads). Should two instances still
 * write the same subject at once, every instance keeps the first entry in the topic and the loser plans again; but
 * compaction keeps the last record per key, so after compaction the instances could disagree about that version.
 */
public final class SchemaRegistryServer implements Service, HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String NAME = "schema-registry";

    private final RegistryServerConfig config;
    private final PrometheusMeterRegistry metrics = Metrics.prometheus(NAME);
    private KafkaSchemaLog schemaLog;
    private HttpService http;

    public SchemaRegistryServer(RegistryServerConfig config) {
        if (config.registryServer().writeTimeoutMs() <= 0) {
            throw new StartupException("streamrec.registry-server.write-timeout-ms must be positive, not "
                    + config.registryServer().writeTimeoutMs());
        }
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        KafkaAdmin.awaitReachable(config.kafka());
        try (Admin admin = KafkaAdmin.create(config.kafka(), "streamrec-registry-admin")) {
            KafkaAdmin.ensureTopics(admin, List.of(Topics.SCHEMAS));
        }
        SchemaStore store = new SchemaStore(config.registryServer().compatibilityLevel());
        Duration writeTimeout = Duration.ofMillis(config.registryServer().writeTimeoutMs());
        KafkaSchemaLog topic = new KafkaSchemaLog(config.kafka(), writeTimeout, store::apply);
        try {
            loadState(topic);
            http = httpService(store, topic, new SchemaWriter(store, topic, writeTimeout, metrics));
            http.start();
        } catch (RuntimeException | InterruptedException e) {
            http = null;
            topic.close();
            throw e;
        }
        schemaLog = topic;
        log.atInfo().addKeyValue("url", url()).addKeyValue("subjects", store.subjectCount())
                .addKeyValue("schemas", store.schemaCount()).log("schema registry started");
    }

    private void loadState(KafkaSchemaLog topic) throws InterruptedException {
        try {
            topic.start();
        } catch (KafkaException e) {
            throw new StartupException("cannot read the " + Topics.SCHEMAS.name() + " topic: " + e.getMessage(), e);
        }
        int timeoutMs = config.kafka().startupTimeoutMs();
        if (!topic.awaitCaughtUp(Duration.ofMillis(timeoutMs))) {
            throw new StartupException("could not read the " + Topics.SCHEMAS.name() + " topic to its end within "
                    + timeoutMs + " ms; check the broker or raise streamrec.kafka.startup-timeout-ms");
        }
    }

    private HttpService httpService(SchemaStore store, KafkaSchemaLog topic, SchemaWriter writer) {
        Gauge.builder("registry.schemas", store, SchemaStore::schemaCount)
                .description("Distinct schemas (global ids)").register(metrics);
        Gauge.builder("registry.subjects", store, SchemaStore::subjectCount)
                .description("Subjects with at least one version").register(metrics);
        Readiness readiness = new Readiness().add("schemas-topic", () -> topic.caughtUp() && topic.healthy());
        return new HttpService(NAME, config.registryServer().host(), config.registryServer().port(),
                RegistryRoutes.create(store, writer), readiness, metrics);
    }

    /** The bound port, which differs from the configured one when that was 0. */
    @Override
    public int port() {
        return started().port();
    }

    /** The base URL clients use, such as {@code http://localhost:8085}. */
    public String url() {
        return started().url();
    }

    private HttpService started() {
        if (http == null) {
            throw new IllegalStateException(NAME + " is not started");
        }
        return http;
    }

    /** Stops taking requests, lets the in-flight ones finish, then stops tailing the topic. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (http != null) {
                http.close();
                http = null;
            }
        } finally {
            if (schemaLog != null) {
                schemaLog.close();
                schemaLog = null;
            }
            metrics.close();
        }
    }
}
