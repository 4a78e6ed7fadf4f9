package io.streamrec.push;

import java.time.Instant;

/** The outcome of checking a feed token: the user it was issued for, or why it is refused. */
public sealed interface TokenVerification {

    record Valid(String userId, Instant expiresAt) implements TokenVerification {
    }

    record Rejected(Reason reason) implements TokenVerification {
    }

    enum Reason {
        MISSING("missing token: pass it as the 'token' query parameter or as the WebSocket subprotocol "
                + "'" + FeedTokens.SUBPROTOCOL_PREFIX + "<token>'"),
        MALFORMED("malformed token: expected <payload>.<signature>, both base64url"),
        BAD_SIGNATURE("token signature does not match: it was altered or signed with another secret"),
        EXPIRED("token expired: request a new one");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** A message fit for the client: it names the problem without echoing the token. */
        public String message() {
            return message;
        }

        /** The value of the metrics tag. */
        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
