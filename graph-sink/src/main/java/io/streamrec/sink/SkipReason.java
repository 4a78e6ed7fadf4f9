package io.streamrec.sink;

/** Why a record was passed over instead of written. Each is counted; none stops the sink. */
enum SkipReason {
    /** A null value: the topic's delete marker. Edges are absolute aggregates and are never deleted yet. */
    TOMBSTONE,
    /** The key is not a UserItemKey in the Confluent wire format, or its schema id is unknown to the registry. */
    UNDECODABLE_KEY,
    /** The value is not a UserItemEdge in the Confluent wire format, or its schema id is unknown to the registry. */
    UNDECODABLE_VALUE,
    /** The key names another user or item than the value: the record cannot be trusted either way. */
    KEY_MISMATCH,
    /** A blank user or item id, or lastSeen before firstSeen. */
    INVALID_EDGE;

    /** The metric tag and log value: {@code undecodable-key}. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
