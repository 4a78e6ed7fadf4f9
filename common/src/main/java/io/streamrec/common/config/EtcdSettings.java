package io.streamrec.common.config;

import io.smallrye.config.WithDefault;

import java.util.List;

/** Where etcd is ({@code streamrec.etcd.*}). */
public interface EtcdSettings {

    /** Comma-separated client URLs. */
    @WithDefault("http://localhost:2379")
    List<String> endpoints();

    /** How long a service waits for etcd at start before it falls back or gives up. */
    @WithDefault("5000")
    int startupTimeoutMs();
}
