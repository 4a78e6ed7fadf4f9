package io.streamrec.processor;

import java.util.Locale;

/** Why an {@code interactions} record went to the dead-letter topic instead of being processed. */
enum RejectReason {
    /** No value: a delete marker, which the interactions topic has no use for. */
    MISSING_VALUE,
    /** No key: interactions are keyed by userId so that one user's events meet in one partition. */
    MISSING_KEY,
    /** The value is not an Interaction in the Confluent wire format, or the registry does not know its schema id. */
    UNDECODABLE,
    /** The key is not the value's userId: processing it would put the user's state in the wrong partition. */
    KEY_MISMATCH;

    /** The header value, log value and metric tag: {@code key-mismatch}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
