package io.streamrec.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

/**
 * Configuration of the event gateway ({@code streamrec.kafka.*}, {@code streamrec.registry.*} and
 * {@code streamrec.gateway.*}). Load it with {@code ConfigLoader.load(GatewayConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface GatewayConfig {

    /** The cluster holding the {@code interactions} topic. */
    KafkaSettings kafka();

    /** The registry where the {@code Interaction} value schema is registered. */
    RegistrySettings registry();

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

        /** The {@code Retry-After} a 503 answer carries, in seconds ({@code streamrec.gateway.retry-after-seconds}). */
        @WithDefault("5")
        int retryAfterSeconds();

        /**
         * How often the readiness probes ask Kafka and the schema registry whether they answer
         * ({@code streamrec.gateway.readiness-interval-ms}); {@code /health/ready} reports the last answers.
         */
        @WithDefault("5000")
        int readinessIntervalMs();
    }
}
