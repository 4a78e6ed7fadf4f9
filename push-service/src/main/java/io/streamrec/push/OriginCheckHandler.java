package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Refuses with 403 a feed request that a browser makes for a page whose origin is not allowed. The token remains
 * the credential; this check keeps other sites' pages from opening the feed directly in their visitors' browsers.
 * Requests without an Origin header come from no browser page and pass.
 */
final class OriginCheckHandler implements HttpHandler {
    private final AllowedOrigins allowed;
    private final PushMetrics metrics;
    private final HttpHandler next;

    OriginCheckHandler(AllowedOrigins allowed, PushMetrics metrics, HttpHandler next) {
        this.allowed = allowed;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null || allowed.permits(origin, exchange.getRequestHeaders().getFirst(Headers.HOST))) {
            next.handleRequest(exchange);
            return;
        }
        metrics.originRefused();
        Json.error(exchange, StatusCodes.FORBIDDEN, "origin " + origin + " may not open the feed;"
                + " the operator can allow it in streamrec.push.allowed-origins");
    }
}
