package io.streamrec.gateway;

/** The request as a whole cannot be taken (a malformed body, too many events); the message tells the client why. */
final class RejectedRequestException extends Exception {
    private final int status;

    RejectedRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    int status() {
        return status;
    }
}
