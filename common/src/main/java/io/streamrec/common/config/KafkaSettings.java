package io.streamrec.common.config;

import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Where Kafka is and how to talk to it ({@code streamrec.kafka.*}). */
public interface KafkaSettings {

    /** Comma-separated host:port list. */
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /**
     * A properties file merged into every Kafka client's configuration: security.protocol, SASL and TLS settings.
     * Credentials belong here or in the environment, never in the main config.
     */
    Optional<Path> clientPropertiesFile();

    /** How long a service waits for the cluster at start before it gives up with a clear message. */
    @WithDefault("15000")
    int startupTimeoutMs();
}
