package io.streamrec.cli;

import io.smallrye.config.ConfigMapping;
import io.streamrec.common.config.EtcdSettings;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

/** What the operator commands talk to; the same keys, file and environment variables as the services. */
@ConfigMapping(prefix = "streamrec")
interface ToolConfig {
    KafkaSettings kafka();

    EtcdSettings etcd();

    RegistrySettings registry();
}
