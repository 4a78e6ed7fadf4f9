package io.streamrec.schemas;

import io.streamrec.common.kafka.TopicSpec;

import java.time.Duration;
import java.util.List;

/**
 * Every topic Streamrec uses, declared once. Keys: {@code interactions} and {@code recommendations} by userId
 * (string), {@code user-item-edges} by {@link UserItemKey}. Values are Avro in the Confluent wire format. See
 * docs/architecture.md for who writes and who reads each topic.
 */
public final class Topics {
    /** Long retention: the processor's state and the graph can be rebuilt by replaying it. */
    public static final TopicSpec INTERACTIONS = TopicSpec.retained("interactions", 6, Duration.ofDays(90));
    public static final TopicSpec INTERACTIONS_DLQ = TopicSpec.retained("interactions-dlq", 1, Duration.ofDays(30));
    public static final TopicSpec USER_ITEM_EDGES = TopicSpec.compacted("user-item-edges", 6);
    public static final TopicSpec USER_ITEM_EDGES_DLQ = TopicSpec.retained("user-item-edges-dlq", 1, Duration.ofDays(30));
    public static final TopicSpec RECOMMENDATIONS = TopicSpec.compacted("recommendations", 6);
    /** The schema registry's store, as in Confluent's design: one partition keeps a total order of registrations. */
    public static final TopicSpec SCHEMAS = TopicSpec.compacted("_schemas", 1);

    private Topics() {
    }

    public static List<TopicSpec> all() {
        return List.of(INTERACTIONS, INTERACTIONS_DLQ, USER_ITEM_EDGES, USER_ITEM_EDGES_DLQ, RECOMMENDATIONS, SCHEMAS);
    }
}
