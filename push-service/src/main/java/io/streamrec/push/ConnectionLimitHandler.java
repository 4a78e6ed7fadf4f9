package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.function.IntSupplier;

/**
 * Refuses a feed upgrade with 503 and Retry-After while this instance holds its maximum of sockets, before any
 * work is spent on the token or the handshake. Upgrades racing each other past this check are caught when the
 * socket joins the hub, which closes the surplus with 1013.
 */
final class ConnectionLimitHandler implements HttpHandler {
    private static final String RETRY_AFTER_SECONDS = "5";

    private final IntSupplier open;
    private final int max;
    private final PushMetrics metrics;
    private final HttpHandler next;

    ConnectionLimitHandler(IntSupplier open, int max, PushMetrics metrics, HttpHandler next) {
        this.open = open;
        this.max = max;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (open.getAsInt() < max) {
            next.handleRequest(exchange);
            return;
        }
        metrics.connectionRefused();
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "this push instance holds its maximum of " + max
                + " feed connections (streamrec.push.max-connections): retry later or on another instance");
    }
}
