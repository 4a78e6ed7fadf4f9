package io.streamrec.common.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Map;

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

    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
