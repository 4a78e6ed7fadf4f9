package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.streamrec.push.TokenVerification.Rejected;
import io.streamrec.push.TokenVerification.Valid;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Deque;

/**
 * Refuses a feed request without a valid token with 401 before anything is upgraded, and otherwise attaches the
 * verified token. The token comes from the {@code token} query parameter or, for browsers that prefer to keep it
 * out of URLs, from a {@code streamrec.token.<token>} subprotocol offered beside {@value PushRoutes#FEED_SUBPROTOCOL}.
 */
final class FeedAuthHandler implements HttpHandler {
    /** The verified token: its user is the only identity the feed trusts, its expiry closes the socket. */
    static final AttachmentKey<Valid> IDENTITY = AttachmentKey.create(Valid.class);
    private static final Logger log = LoggerFactory.getLogger(FeedAuthHandler.class);

    private final FeedTokens tokens;
    private final PushMetrics metrics;
    private final HttpHandler next;

    FeedAuthHandler(FeedTokens tokens, PushMetrics metrics, HttpHandler next) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        TokenVerification verification = tokens.verify(tokenOf(exchange));
        if (verification instanceof Valid valid) {
            exchange.putAttachment(IDENTITY, valid);
            next.handleRequest(exchange);
            return;
        }
        TokenVerification.Reason reason = ((Rejected) verification).reason();
        metrics.authFailed(reason);
        log.atDebug().addKeyValue("reason", reason).addKeyValue("remote", exchange.getSourceAddress())
                .log("feed token refused");
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        Json.error(exchange, StatusCodes.UNAUTHORIZED, reason.message());
    }

    private static String tokenOf(HttpServerExchange exchange) {
        Deque<String> query = exchange.getQueryParameters().get("token");
        if (query != null && !query.isEmpty()) {
            return query.peekFirst();
        }
        HeaderValues protocols = exchange.getRequestHeaders().get(Headers.SEC_WEB_SOCKET_PROTOCOL);
        if (protocols != null) {
            for (String header : protocols) {
                for (String protocol : header.split(",")) {
                    String trimmed = protocol.trim();
                    if (trimmed.startsWith(FeedTokens.SUBPROTOCOL_PREFIX)) {
                        return trimmed.substring(FeedTokens.SUBPROTOCOL_PREFIX.length());
                    }
                }
            }
        }
        return null;
    }
}
