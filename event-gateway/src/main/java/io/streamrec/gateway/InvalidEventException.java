package io.streamrec.gateway;

/** One event breaks the rules; the message names every offending field. The other events of the batch still count. */
final class InvalidEventException extends Exception {
    InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
