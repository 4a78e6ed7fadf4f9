package io.streamrec.sink;

import io.smallrye.config.ConfigMapping;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

/** Everything the graph sink reads from {@code streamrec.*}. */
@ConfigMapping(prefix = "streamrec")
public interface SinkConfig {

    /** Where Kafka is ({@code streamrec.kafka.*}). */
    KafkaSettings kafka();

    /** The schema registry that resolves the edge records' writer schemas ({@code streamrec.registry.*}). */
    RegistrySettings registry();

    /** The sink itself and its graph API ({@code streamrec.sink.*}). */
    SinkSettings sink();
}
