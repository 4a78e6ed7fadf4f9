package io.streamrec.cli.importer;

/** Which time an imported event's Kafka record carries; the event time always travels in the payload. */
public enum RecordTimestamps {
    /** The event's own time: {@code replay --from TIME} then means event time. */
    EVENT,
    /** The time of the import: for events older than the topic's retention, which Kafka would otherwise delete. */
    IMPORT
}
