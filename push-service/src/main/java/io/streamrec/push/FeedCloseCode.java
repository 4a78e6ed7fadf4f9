package io.streamrec.push;

/** Why the server closes a feed socket; 4000-4999 is the range RFC 6455 leaves to applications. */
enum FeedCloseCode {
    SHUTTING_DOWN(1001, "server shutting down"),
    /** RFC 6455 "try again later": this instance holds its configured maximum of sockets. */
    SERVER_FULL(1013, "server full: try again later or another instance"),
    NO_PONG(4000, "no pong: the connection looks dead"),
    TOKEN_EXPIRED(4001, "token expired: fetch a new token and reconnect"),
    TOO_SLOW(4002, "too slow: the client did not read its messages in time");

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

    /** The value of the metrics tag. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
