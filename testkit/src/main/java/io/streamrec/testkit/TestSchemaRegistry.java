package io.streamrec.testkit;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.registry.RegistryServerConfig;
import io.streamrec.schemas.registry.SchemaRegistryServer;
import io.streamrec.schemas.serde.SchemaRegistryClient;

import java.util.Map;
import java.util.Optional;

/**
 * Streamrec's schema registry ({@link SchemaRegistryServer}) on the test class's broker, injected by
 * {@link WithSchemaRegistry}. Its state lives in the broker's {@code _schemas} topic, so a {@link #restart()} keeps
 * every schema and id.
 */
public final class TestSchemaRegistry implements AutoCloseable {
    private final KafkaTestCluster kafka;
    private SchemaRegistryServer server;
    private int port;
    private SchemaRegistryClient client;

    private TestSchemaRegistry(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    static TestSchemaRegistry start(KafkaTestCluster kafka) throws InterruptedException {
        TestSchemaRegistry registry = new TestSchemaRegistry(kafka);
        registry.startServer(0);
        return registry;
    }

    private void startServer(int requestedPort) throws InterruptedException {
        Map<String, String> overrides = Map.of(
                "streamrec.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "streamrec.registry-server.host", "127.0.0.1",
                "streamrec.registry-server.port", Integer.toString(requestedPort));
        SchemaRegistryServer started = new SchemaRegistryServer(
                ConfigLoader.load(RegistryServerConfig.class, Optional.empty(), overrides));
        started.start();
        server = started;
        port = started.port();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}; it stays the same across {@link #restart()}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Config overrides pointing a service at this registry: {@code streamrec.registry.url}. */
    public Map<String, String> config() {
        return Map.of("streamrec.registry.url", url());
    }

    /** A caching client for this registry, as services build it with {@link SchemaRegistryClient#http}. */
    public synchronized SchemaRegistryClient client() {
        if (client == null) {
            client = SchemaRegistryClient.http(url());
        }
        return client;
    }

    /** Stops the registry and starts a new one on the same port, which rebuilds its state from the topic. */
    public synchronized void restart() throws InterruptedException {
        stopServer();
        startServer(port);
    }

    private void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            stopServer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the schema registry", e);
        }
    }
}
