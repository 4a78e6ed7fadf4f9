package io.streamrec.schemas.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.KafkaSettings;

/**
 * Configuration of the embedded schema registry ({@code streamrec.kafka.*} and {@code streamrec.registry-server.*}).
 * Load it with {@code ConfigLoader.load(RegistryServerConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface RegistryServerConfig {

    /** The cluster holding the {@code _schemas} topic. */
    KafkaSettings kafka();

    /** The registry's own settings. */
    ServerSettings registryServer();

    /** {@code streamrec.registry-server.*} */
    interface ServerSettings {

        /** Interface the REST API listens on ({@code streamrec.registry-server.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the REST API; 0 picks a free port, as tests do ({@code streamrec.registry-server.port}). */
        @WithDefault("8085")
        int port();

        /**
         * Compatibility level of subjects without their own, until {@code PUT /config} changes it
         * ({@code streamrec.registry-server.compatibility-level}): NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,
         * FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.
         */
        @WithDefault("BACKWARD")
        CompatibilityLevel compatibilityLevel();

        /**
         * How long a write (a registration, a config change) waits for Kafka's acknowledgement and for the store to
         * apply it before it answers 500 with error code 50002 ({@code streamrec.registry-server.write-timeout-ms}).
         */
        @WithDefault("10000")
        int writeTimeoutMs();
    }
}
