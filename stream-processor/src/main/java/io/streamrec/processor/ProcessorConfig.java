package io.streamrec.processor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.EtcdSettings;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Configuration of the stream processor ({@code streamrec.kafka.*}, {@code streamrec.registry.*},
 * {@code streamrec.etcd.*} and {@code streamrec.processor.*}). Load it with
 * {@code ConfigLoader.load(ProcessorConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface ProcessorConfig {

    /** The cluster holding {@code interactions}, {@code user-item-edges}, {@code recommendations} and the DLQ. */
    KafkaSettings kafka();

    /** The registry holding the Avro schemas of the records read and written. */
    RegistrySettings registry();

    /** The etcd cluster holding the strategies under {@code /streamrec/strategies/}. */
    EtcdSettings etcd();

    /** The processor's own settings. */
    ProcessorSettings processor();

    /** {@code streamrec.processor.*} */
    interface ProcessorSettings {

        /** Interface the health and metrics endpoints listen on ({@code streamrec.processor.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the health, metrics and strategy endpoints; 0 picks a free port, as tests do ({@code streamrec.processor.port}). */
        @WithDefault("8082")
        int port();

        /**
         * The Kafka Streams application id ({@code streamrec.processor.application-id}): the consumer group, the
         * prefix of the internal changelog topics and of the transactional ids. Every instance of one deployment
         * shares it; changing it starts from scratch.
         */
        @WithDefault("streamrec-processor")
        String applicationId();

        /**
         * Directory of the local state stores ({@code streamrec.processor.state-dir}). They are rebuilt from their
         * changelog topics when missing, but a directory that survives restarts saves that restore.
         */
        @WithDefault("data/processor")
        Path stateDir();

        /**
         * How often, in milliseconds, the exactly-once transaction commits ({@code streamrec.processor.commit-interval-ms}).
         * Outputs become visible to read_committed consumers only at a commit, so this bounds the added latency.
         */
        @WithDefault("100")
        long commitIntervalMs();

        /** Stream threads in this instance; more than the input partitions leaves some idle ({@code streamrec.processor.num-stream-threads}). */
        @WithDefault("1")
        int numStreamThreads();

        /**
         * A stable id, unique per instance (a pod or host name), that makes the instance a static group member: after
         * a restart it gets its partitions back at once instead of after the 45 s session timeout. Unset means
         * dynamic membership ({@code streamrec.processor.instance-id}).
         */
        Optional<String> instanceId();

        /** Name of the strategy to use, the key under {@code /streamrec/strategies/} ({@code streamrec.processor.strategy}). */
        @WithDefault("default")
        String strategy();
    }
}
