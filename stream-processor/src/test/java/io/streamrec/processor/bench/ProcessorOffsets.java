package io.streamrec.processor.bench;

import io.streamrec.schemas.Topics;
import io.streamrec.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Where the processor's consumer group stands against a topic's end: how the benchmarks tell it has caught up. */
final class ProcessorOffsets {
    private ProcessorOffsets() {
    }

    static Map<TopicPartition, Long> endOffsets(KafkaTestCluster kafka, String topic, IsolationLevel isolation) {
        try {
            Map<TopicPartition, OffsetSpec> specs = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return kafka.admin().listOffsets(specs, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    /** True when the group's committed offsets reached {@code end} on every partition. */
    static boolean caughtUp(KafkaTestCluster kafka, String groupId, Map<TopicPartition, Long> end) {
        return lag(kafka, groupId, end) == 0;
    }

    /**
     * Records between the group's committed offsets and {@code end}. A transactional topic ends with a commit
     * marker, which a consumer may or may not have committed past, so one offset short of the end counts as done there.
     */
    static long lag(KafkaTestCluster kafka, String groupId, Map<TopicPartition, Long> end) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            boolean transactional = !end.keySet().iterator().next().topic().equals(Topics.INTERACTIONS.name());
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                OffsetAndMetadata offset = committed.get(partition.getKey());
                long at = offset == null ? 0 : offset.offset();
                long behind = partition.getValue() - at - (transactional && partition.getValue() > 0 ? 1 : 0);
                lag += Math.max(0, behind);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + groupId, e);
        }
    }
}
