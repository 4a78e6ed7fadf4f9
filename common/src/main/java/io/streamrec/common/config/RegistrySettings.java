package io.streamrec.common.config;

import io.smallrye.config.WithDefault;

/** The schema registry, any server speaking the Confluent REST API ({@code streamrec.registry.*}). */
public interface RegistrySettings {

    @WithDefault("http://localhost:8085")
    String url();
}
