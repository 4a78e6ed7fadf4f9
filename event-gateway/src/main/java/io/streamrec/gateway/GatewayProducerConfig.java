package io.streamrec.gateway;

import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.kafka.KafkaClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/**
 * The gateway's producer: Streamrec's idempotent {@code acks=all} defaults, plus a short linger (each answer waits
 * for its acknowledgement), its own compression setting (no compression by default: small batches) and timeouts that
 * match the HTTP contract. A send never blocks longer than {@code max-block-ms}, and Kafka stops retrying a record
 * ({@code delivery.timeout.ms}) when the request waiting for it gives up and answers 503.
 */
final class GatewayProducerConfig {
    static final String CLIENT_ID = "streamrec-gateway";
    /** Kafka's default; lower only when the produce timeout leaves less room. */
    private static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    /** A year: "never" for a running gateway, and far from overflowing Kafka's now + idle arithmetic. */
    private static final long METADATA_MAX_IDLE_MS = 365L * 24 * 3600 * 1000;

    private GatewayProducerConfig() {
    }

    static Map<String, Object> of(KafkaSettings kafka, GatewayConfig.GatewaySettings gateway) {
        Map<String, Object> config = KafkaClientConfigs.producer(kafka, CLIENT_ID);
        int lingerMs = gateway.lingerMs();
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, gateway.compressionType());
        // The producer forgets an idle topic's metadata after metadata.max.idle.ms (5 min by default); the next send
        // would then wait for it, on the IO thread (IoThreadAdmission). There is only one topic: keep it.
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, METADATA_MAX_IDLE_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, gateway.maxBlockMs());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, gateway.produceTimeoutMs());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(DEFAULT_REQUEST_TIMEOUT_MS, gateway.produceTimeoutMs() - lingerMs));
        return config;
    }
}
