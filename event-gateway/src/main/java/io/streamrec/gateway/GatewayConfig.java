package io.streamrec.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.EtcdSettings;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

import java.util.List;
import java.util.Optional;

/**
 * Configuration of the event gateway ({@code streamrec.kafka.*}, {@code streamrec.registry.*}, {@code streamrec.etcd.*}
 * and {@code streamrec.gateway.*}). Load it with {@code ConfigLoader.load(GatewayConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface GatewayConfig {

    /** The cluster holding the {@code interactions} topic. */
    KafkaSettings kafka();

    /** The registry where the {@code Interaction} value schema is registered. */
    RegistrySettings registry();

    /**
     * Where the live settings are ({@code /streamrec/config/gateway/...}); while etcd is unreachable the gateway runs
     * with the {@code streamrec.gateway.*} values and picks etcd's up when it answers.
     */
    EtcdSettings etcd();

    /** The gateway's own settings. */
    GatewaySettings gateway();

    /** {@code streamrec.gateway.*} */
    interface GatewaySettings {

        /** Interface the events and ops endpoints listen on ({@code streamrec.gateway.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the events and ops endpoints; 0 picks a free port, as tests do ({@code streamrec.gateway.port}). */
        @WithDefault("8080")
        int port();

        /** Largest request body accepted; larger ones get 413 before they are read ({@code streamrec.gateway.max-body-bytes}). */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Most events in one request; a larger batch gets 413 ({@code streamrec.gateway.max-batch-events}). */
        @WithDefault("500")
        int maxBatchEvents();

        /** Longest userId, itemId or eventId, in characters ({@code streamrec.gateway.max-id-length}). */
        @WithDefault("256")
        int maxIdLength();

        /**
         * How far an event's eventTime may lie ahead of the gateway's clock, to allow for client clock skew; events
         * further in the future are rejected ({@code streamrec.gateway.max-future-skew-ms}, default 1 day).
         */
        @WithDefault("86400000")
        long maxFutureSkewMs();

        /**
         * How old an event's eventTime may be; older events are rejected, since they would land in windows long
         * closed ({@code streamrec.gateway.max-past-age-ms}, default 365 days).
         */
        @WithDefault("31536000000")
        long maxPastAgeMs();

        /**
         * How long a request waits for Kafka to acknowledge all its events before it answers 503; also the
         * producer's {@code delivery.timeout.ms} ({@code streamrec.gateway.produce-timeout-ms}).
         */
        @WithDefault("10000")
        int produceTimeoutMs();

        /**
         * The producer's {@code max.block.ms}: how long a send may wait for buffer space or topic metadata before
         * the request answers 503. Kept small so a slow cluster turns into fast 503s instead of piled-up requests
         * ({@code streamrec.gateway.max-block-ms}).
         */
        @WithDefault("50")
        int maxBlockMs();

        /**
         * The producer's {@code linger.ms}: how long a record may wait for others to share its batch. Every request
         * waits for its acknowledgement, so this adds to each answer's latency; under load, concurrent requests fill
         * batches anyway ({@code streamrec.gateway.linger-ms}).
         */
        @WithDefault("1")
        int lingerMs();

        /**
         * The producer's {@code compression.type}: {@code none}, {@code lz4}, {@code zstd}, {@code snappy} or
         * {@code gzip}. The gateway's batches are small (a partition's share of the events of one linger), so
         * compressing them saves little, while every compressed batch allocates its codec's buffers (128 KB for
         * lz4) and the broker decompresses it to validate it: {@code none} unless the network to Kafka is the
         * bottleneck ({@code streamrec.gateway.compression-type}).
         */
        @WithDefault("none")
        String compressionType();

        /** The {@code Retry-After} a 503 answer carries, in seconds ({@code streamrec.gateway.retry-after-seconds}). */
        @WithDefault("5")
        int retryAfterSeconds();

        /**
         * How often the readiness probes ask Kafka and the schema registry whether they answer
         * ({@code streamrec.gateway.readiness-interval-ms}); {@code /health/ready} reports the last answers.
         */
        @WithDefault("5000")
        int readinessIntervalMs();
    
        /**
         * API keys that authorize server-to-server calls of {@code /v1/events} ({@code Authorization: Bearer <key>}),
         * comma-separated, at least 16 characters each ({@code streamrec.gateway.api-keys}). Prefer
         * {@code api-keys-file} or the environment over a config file checked in anywhere. With no key configured
         * {@code /v1/events} is open (a warning is logged at start).
         */
        Optional<List<String>> apiKeys();

        /**
         * File holding API keys, one per line; blank lines and lines starting with {@code #} are skipped
         * ({@code streamrec.gateway.api-keys-file}). Its keys add to {@code api-keys}. Read at start.
         */
        Optional<String> apiKeysFile();

        /**
         * Origins ({@code https://shop.example}, {@code http://localhost:3000}) whose pages may send events from the
         * browser, comma-separated; {@code *} allows every origin ({@code streamrec.gateway.allowed-origins}).
         * Default: none. Live override: etcd key {@code allowed-origins}.
         */
        Optional<List<String>> allowedOrigins();

        /**
         * Browser requests each client IP may make per second, sustained ({@code streamrec.gateway.rate-limit-per-second}).
         * Live override: etcd key {@code rate-limit-per-second}.
         */
        @WithDefault("20")
        int rateLimitPerSecond();

        /**
         * Browser requests a client IP may make in one burst above the sustained rate: the token bucket's capacity
         * ({@code streamrec.gateway.rate-limit-burst}). Live override: etcd key {@code rate-limit-burst}.
         */
        @WithDefault("100")
        int rateLimitBurst();

        /**
         * Event types the gateway accepts, comma-separated; default: every type
         * ({@code streamrec.gateway.accepted-types}). Live override: etcd key {@code accepted-types}.
         */
        Optional<List<String>> acceptedTypes();

        /**
         * Request header holding the client IP, set by a trusted proxy in front of the gateway (for example
         * {@code X-Forwarded-For}, whose last address is used) ({@code streamrec.gateway.client-ip-header}). Without
         * it the rate limit keys on the TCP peer address. Never set it when clients reach the gateway directly: they
         * could pick their own IP.
         */
        Optional<String> clientIpHeader();
    }
}
