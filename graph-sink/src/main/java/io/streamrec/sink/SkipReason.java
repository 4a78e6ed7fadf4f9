package io.streamrec.sink;

/**
 * Why a record was passed over instead of written. Each is counted; none stops the sink. Every reason but a
 * tombstone marks a bad record, which goes to the dead-letter topic.
 */
enum SkipReason {
    /**
     * A null value: the compacted topic's delete marker, a legitimate record rather than a bad one. Edges are never
     * deleted yet, so it is passed over; it does not go to the dead-letter topic.
     */
    TOMBSTONE,
    /** The key is not a UserItemKey in the Confluent wire format, or its schema id is unknown to the registry. */
    UNDECODABLE_KEY,
    /** The value is not a UserItemEdge in the Confluent wire format, or its schema id is unknown to the registry. */
    UNDECODABLE_VALUE,
    /** The key names another user or item than the value: the record cannot be trusted either way. */
    KEY_MISMATCH,
    /** A blank user or item id, or lastSeen before firstSeen. */
    INVALID_EDGE;

    /** A record that can never become an edge, kept in the dead-letter topic for an operator. */
    boolean isBadRecord() {
        return this != TOMBSTONE;
    }

    /** The metric tag and log value: {@code undecodable-key}. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
