package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;

import java.util.Deque;

/**
 * Reads the optional {@code since} query parameter: the {@code seq} of the last recommendations message a
 * reconnecting client received. The socket then skips the snapshot if it is exactly what the client already shows.
 * A value that is not a non-negative integer is refused with 400 before the upgrade.
 */
final class FeedResumeHandler implements HttpHandler {
    static final AttachmentKey<Long> SINCE = AttachmentKey.create(Long.class);
    static final String PARAMETER = "since";

    private final HttpHandler next;

    FeedResumeHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Deque<String> values = exchange.getQueryParameters().get(PARAMETER);
        String since = values == null ? null : values.peekFirst();
        if (since != null && !since.isEmpty()) {
            try {
                long seq = Long.parseLong(since);
                if (seq < 0) {
                    throw new NumberFormatException();
                }
                exchange.putAttachment(SINCE, seq);
            } catch (NumberFormatException e) {
                Json.error(exchange, StatusCodes.BAD_REQUEST, "since must be the seq of the last recommendations"
                        + " message the client received (a non-negative integer), or absent; was '" + since + "'");
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
