package io.streamrec.sink.api;

/** A request parameter is missing or malformed; the message tells the caller what to send instead. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
