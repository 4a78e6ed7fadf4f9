package io.streamrec.sink;

import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.sink.store.EdgeView;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge topic as the processor fills it: for each user-item pair a series of growing absolute aggregates, the last
 * one being what the store must hold. Also reads the topic's end offsets and a group's commits, and checks a store
 * against the aggregates.
 */
final class EdgeTopic {
    static final String TOPIC = Topics.USER_ITEM_EDGES.name();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final Map<List<String>, UserItemEdge> latest = new LinkedHashMap<>();

    EdgeTopic(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /**
     * Sends {@code updates} aggregates over {@code users} x {@code itemsPerUser} pairs named with {@code prefix},
     * round-robin so that each pair's aggregate grows several times; returns once the broker acknowledged them all.
     */
    void sendAggregates(String prefix, int users, int itemsPerUser, int updates) {
        Map<List<String>, Long> seen = new HashMap<>();
        try (KafkaProducer<UserItemKey, UserItemEdge> producer = kafka.producer(
                AvroSerde.forKeys(registry.client(), UserItemKey.class),
                AvroSerde.forValues(registry.client(), UserItemEdge.class))) {
            for (int n = 0; n < updates; n++) {
                String user = prefix + "-u" + (n % users);
                String item = prefix + "-i" + ((n / users) % itemsPerUser);
                long count = seen.merge(List.of(user, item), 1L, Long::sum);
                UserItemEdge edge = UserItemEdge.newBuilder().setUserId(user).setItemId(item)
                        .setCounts(Map.of("view", count, "purchase", count / 3)).setWeight(count * 1.5)
                        .setFirstSeen(T0).setLastSeen(T0.plusSeconds(count)).build();
                producer.send(new ProducerRecord<>(TOPIC, new UserItemKey(user, item), edge));
                latest.put(List.of(user, item), edge);
            }
            producer.flush();
        }
    }

    /** The number of distinct pairs sent so far. */
    int pairs() {
        return latest.size();
    }

    /** Every user's edges in the store equal the last aggregate sent for each of its pairs, no more, no less. */
    void assertStoreHoldsTheLatestAggregates(GraphStore store) {
        Map<String, List<EdgeView>> expectedByUser = latest.values().stream().collect(Collectors.groupingBy(
                UserItemEdge::getUserId, Collectors.mapping(EdgeTopic::view, Collectors.toList())));
        expectedByUser.forEach((user, expected) -> assertThat(store.itemsOfUser(user, 1000))
                .as("edges of %s", user).containsExactlyInAnyOrderElementsOf(expected));
    }

    private static EdgeView view(UserItemEdge edge) {
        return new EdgeView(edge.getUserId(), edge.getItemId(), edge.getCounts(), edge.getWeight(),
                edge.getFirstSeen(), edge.getLastSeen());
    }

    /** The topic's end offset per non-empty partition. */
    Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = kafka.admin().describeTopics(List.of(TOPIC)).allTopicNames()
                    .get().get(TOPIC).partitions().stream().collect(Collectors.toMap(
                            p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
            return kafka.admin().listOffsets(request).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the end offsets of " + TOPIC + ": " + e.getCause(), e);
        }
    }

    /** The group's committed offsets on partitions that have any. */
    Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the offsets of " + group + ": " + e.getCause(), e);
        }
    }

    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Config overrides for a sink on this broker and registry. */
    Map<String, String> sinkConfig(String group, int batchSize, long lingerMs) {
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.put("streamrec.sink.host", "127.0.0.1");
        overrides.put("streamrec.sink.port", "0");
        overrides.put("streamrec.sink.group-id", group);
        overrides.put("streamrec.sink.batch-size", Integer.toString(batchSize));
        overrides.put("streamrec.sink.linger-ms", Long.toString(lingerMs));
        return overrides;
    }

    static List<String> asArgs(Map<String, String> config) {
        List<String> args = new ArrayList<>();
        config.forEach((key, value) -> args.add(key + "=" + value));
        return args;
    }
}
