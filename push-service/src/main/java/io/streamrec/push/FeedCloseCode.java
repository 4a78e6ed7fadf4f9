package io.streamrec.push;

/** Why the server closes a feed socket; 4000-4999 is the range RFC 6455 leaves to applications. */
enum FeedCloseCode {
    SHUTTING_DOWN(1001, "server shutting down"),
    NO_PONG(4000, "no pong: the connection looks dead");

    private final int code;
    private final String reason;

    FeedCloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
