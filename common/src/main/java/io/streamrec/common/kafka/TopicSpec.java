package io.streamrec.common.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A topic as Streamrec declares it: name, partition count and the configs that define its retention. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    public static TopicSpec retained(String name, int partitions, Duration retention) {
        return new TopicSpec(name, partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }

    /** The replication factor is the broker's {@code default.replication.factor}: 1 embedded, the cluster's in production. */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }
}
