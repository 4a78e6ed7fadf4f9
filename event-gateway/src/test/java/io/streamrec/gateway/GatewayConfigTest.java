package io.streamrec.gateway;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.InteractionType;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig.GatewaySettings gateway = load(Map.of()).gateway();

        assertThat(gateway.host()).isEqualTo("0.0.0.0");
        assertThat(gateway.port()).isEqualTo(8080);
        assertThat(gateway.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(gateway.maxBatchEvents()).isEqualTo(500);
        assertThat(gateway.maxIdLength()).isEqualTo(256);
        assertThat(gateway.maxFutureSkewMs()).isEqualTo(24 * 3600 * 1000L);
        assertThat(gateway.maxPastAgeMs()).isEqualTo(365 * 24 * 3600 * 1000L);
        assertThat(gateway.produceTimeoutMs()).isEqualTo(10_000);
        assertThat(gateway.maxBlockMs()).isEqualTo(50);
        assertThat(gateway.retryAfterSeconds()).isEqualTo(5);
        assertThat(gateway.readinessIntervalMs()).isEqualTo(5000);
        assertThat(gateway.lingerMs()).isEqualTo(1);
        assertThat(gateway.compressionType()).isEqualTo("none");
        assertThat(gateway.rateLimitPerSecond()).isEqualTo(20);
        assertThat(gateway.rateLimitBurst()).isEqualTo(100);
        assertThat(gateway.apiKeys()).isEmpty();
        assertThat(gateway.allowedOrigins()).isEmpty();
        assertThat(gateway.acceptedTypes()).isEmpty();
        assertThat(GatewaySettingsValidator.problems(gateway)).isEmpty();
        List<String> problems = new ArrayList<>();
        assertThat(GatewaySettingsValidator.liveSettings(gateway, problems)).hasValueSatisfying(live -> {
            assertThat(live.allowedOrigins()).isEqualTo(OriginAllowlist.NONE);
            assertThat(live.acceptedTypes()).containsExactlyInAnyOrder(InteractionType.values());
            assertThat(live.maintenance()).isFalse();
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void invalidLiveSettingsAreAllListed() {
        GatewayConfig config = load(Map.of("streamrec.gateway.allowed-origins", "https://ok.test,shop.test/cart",
                "streamrec.gateway.accepted-types", "view,like", "streamrec.gateway.rate-limit-burst", "0"));
        List<String> problems = new ArrayList<>();

        assertThat(GatewaySettingsValidator.liveSettings(config.gateway(), problems)).isEmpty();
        assertThat(problems).containsExactly(
                "streamrec.gateway.allowed-origins: \"shop.test/cart\" is not an origin; write scheme://host[:port]"
                        + " with no path, such as https://shop.example, or * for any origin",
                "streamrec.gateway.accepted-types: \"like\" is not an event type; known types: view, click,"
                        + " add_to_cart, purchase, rate",
                "streamrec.gateway.rate-limit-burst must be positive, got 0");
    }

    @Test
    void keysAreKebabCase() {
        GatewayConfig config = load(Map.of("streamrec.gateway.port", "0", "streamrec.gateway.max-body-bytes", "10",
                "streamrec.gateway.max-future-skew-ms", "5", "streamrec.registry.url", "http://registry:1"));

        assertThat(config.gateway().port()).isZero();
        assertThat(config.gateway().maxBodyBytes()).isEqualTo(10);
        assertThat(config.gateway().maxFutureSkewMs()).isEqualTo(5);
        assertThat(config.registry().url()).isEqualTo("http://registry:1");
    }

    @Test
    void everyOutOfRangeSettingIsListedAtOnce() {
        GatewayConfig config = load(Map.of(
                "streamrec.gateway.port", "70000",
                "streamrec.gateway.max-body-bytes", "0",
                "streamrec.gateway.max-batch-events", "-1",
                "streamrec.gateway.max-id-length", "0",
                "streamrec.gateway.max-future-skew-ms", "-1",
                "streamrec.gateway.max-past-age-ms", "0",
                "streamrec.gateway.produce-timeout-ms", "999",
                "streamrec.gateway.max-block-ms", "999",
                "streamrec.gateway.retry-after-seconds", "0",
                "streamrec.gateway.readiness-interval-ms", "10"));

        assertThatThrownBy(() -> new EventGateway(config))
                .isInstanceOf(StartupException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - streamrec.gateway.port must be 0-65535, got 70000\n"
                        + "  - streamrec.gateway.max-body-bytes must be positive, got 0\n"
                        + "  - streamrec.gateway.max-batch-events must be positive, got -1\n"
                        + "  - streamrec.gateway.max-id-length must be positive, got 0\n"
                        + "  - streamrec.gateway.max-future-skew-ms must be 0 to 100 years, got -1\n"
                        + "  - streamrec.gateway.max-past-age-ms must be positive and at most 100 years, got 0\n"
                        + "  - streamrec.gateway.produce-timeout-ms must be at least 1000, got 999\n"
                        + "  - streamrec.gateway.max-block-ms must be 0 or more and below produce-timeout-ms, got 999\n"
                        + "  - streamrec.gateway.retry-after-seconds must be positive, got 0\n"
                        + "  - streamrec.gateway.readiness-interval-ms must be at least 100, got 10");
    }

    @Test
    void theProducerIsIdempotentAndItsTimeoutsFollowTheGatewaySettings() {
        GatewayConfig config = load(Map.of("streamrec.gateway.produce-timeout-ms", "4000",
                "streamrec.gateway.max-block-ms", "20", "streamrec.gateway.linger-ms", "3",
                "streamrec.kafka.bootstrap-servers", "broker:9092"));

        Map<String, Object> producer = GatewayProducerConfig.of(config.kafka(), config.gateway());

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 3)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
                .containsEntry(ProducerConfig.METADATA_MAX_IDLE_CONFIG, 365L * 24 * 3600 * 1000)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024)
                // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000 - 3);
    }

    @Test
    void theCompressionTypeIsTheProducersAndMustBeOneKafkaKnows() {
        assertThat(GatewayProducerConfig.of(load(Map.of()).kafka(),
                load(Map.of("streamrec.gateway.compression-type", "lz4")).gateway()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        assertThat(GatewaySettingsValidator.problems(load(Map.of("streamrec.gateway.compression-type", "LZ4")).gateway()))
                .containsExactly("streamrec.gateway.compression-type must be one of none, lz4, zstd, snappy, gzip,"
                        + " got LZ4");
    }

    @Test
    void theClientPropertiesFileMaySetItsOwnBatchSize(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "batch.size=32768\n");
        GatewayConfig config = load(Map.of("streamrec.kafka.client-properties-file", file.toString()));

        assertThat(GatewayProducerConfig.of(config.kafka(), config.gateway()))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "32768");
    }

    @Test
    void aLongProduceTimeoutKeepsKafkasRequestTimeout() {
        GatewayConfig config = load(Map.of("streamrec.gateway.produce-timeout-ms", "120000"));

        assertThat(GatewayProducerConfig.of(config.kafka(), config.gateway()))
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    }

    private static GatewayConfig load(Map<String, String> overrides) {
        return ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides);
    }
}
