package io.streamrec.gateway;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.registry.RegistryServerConfig;
import io.streamrec.schemas.registry.SchemaRegistryServer;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * What {@code bench/run.sh} measures against, in one JVM: a real KRaft broker, the schema registry, and the gateway
 * with an API key (server-to-server, so no rate limit). Writes {@code key=value} lines to the file given as the first
 * argument once everything listens: the gateway's port, the broker's address, the key, the Avro size of the
 * benchmark's event (for ProducerPerformance's {@code --record-size}) and the gateway's own producer settings (so
 * that ProducerPerformance produces exactly as the gateway does). Runs until killed. Not a test.
 */
public final class GatewayBenchmarkEnvironment {
    private GatewayBenchmarkEnvironment() {
    }

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        String apiKey = UUID.randomUUID().toString();
        Path data = Files.createTempDirectory("gateway-bench");
        RestartableBroker kafka = RestartableBroker.start(data.resolve("kafka"));
        SchemaRegistryServer registry = new SchemaRegistryServer(ConfigLoader.load(RegistryServerConfig.class,
                Optional.empty(), Map.of("streamrec.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "streamrec.registry-server.host", "127.0.0.1", "streamrec.registry-server.port", "0")));
        registry.start();
        Map<String, String> settings = Map.of(
                "streamrec.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "streamrec.registry.url", registry.url(),
                "streamrec.etcd.startup-timeout-ms", "1",
                "streamrec.etcd.endpoints", "http://127.0.0.1:1",
                "streamrec.gateway.host", "127.0.0.1",
                "streamrec.gateway.port", "0",
                "streamrec.gateway.api-keys", apiKey);
        GatewayConfig config = ConfigLoader.load(GatewayConfig.class, Optional.empty(), settings);
        EventGateway gateway = new EventGateway(config);
        gateway.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            try {
                registry.close();
                kafka.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        String producerProps = GatewayProducerConfig.of(config.kafka(), config.gateway()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
        write(ready, "gateway_port=" + gateway.port() + "\n"
                + "bootstrap=" + kafka.bootstrapServers() + "\n"
                + "api_key=" + apiKey + "\n"
                + "topic=" + Topics.INTERACTIONS.name() + "\n"
                + "record_size=" + avroSize(registry.url()) + "\n"
                + "producer_props=" + producerProps + "\n");
        new CountDownLatch(1).await();
    }

    /**
     * The size of bench/event.lua's event as the gateway writes it (Confluent wire format: 5-byte header plus the
     * Avro body), with the UUID and timestamps the gateway adds.
     */
    private static int avroSize(String registryUrl) {
        Interaction event = Interaction.newBuilder().setEventId(UUID.randomUUID().toString())
                .setUserId("user-123456").setItemId("item-98765").setType(InteractionType.view)
                .setEventTime(Instant.now()).setReceivedAt(Instant.now())
                .setContext(Map.of("page", "product", "device", "mobile")).build();
        try (AvroSerde<Interaction> serde = AvroSerde.forValues(SchemaRegistryClient.http(registryUrl),
                Interaction.class)) {
            return serde.serialize(Topics.INTERACTIONS.name(), event).length;
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file);
    }
}
