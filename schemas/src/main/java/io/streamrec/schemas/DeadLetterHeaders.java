package io.streamrec.schemas;

/**
 * Headers every dead-letter record carries, whichever service wrote it: where the original record was and why it
 * was rejected. The record's key and value are the original bytes, unchanged, so it can be replayed once fixed.
 */
public final class DeadLetterHeaders {
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** A short machine-readable reason, such as {@code undecodable} or {@code key-mismatch}. */
    public static final String REASON = "dlq.reason";
    /** The error message, for people. */
    public static final String ERROR = "dlq.error";

    private DeadLetterHeaders() {
    }
}
