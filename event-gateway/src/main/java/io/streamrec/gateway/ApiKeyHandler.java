package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Server-to-server calls must carry {@code Authorization: Bearer <key>} with a configured key, else 401. Browser
 * requests (already checked by {@link OriginHandler}) need none; with no key configured nobody needs one.
 */
final class ApiKeyHandler implements HttpHandler {
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final GatewayMetrics metrics;
    private final HttpHandler next;

    ApiKeyHandler(ApiKeys keys, GatewayMetrics metrics, HttpHandler next) {
        this.keys = keys;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (BrowserCaller.is(exchange) || !keys.required()) {
            next.handleRequest(exchange);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null) {
            unauthorized(exchange, "an API key is required: send Authorization: Bearer <key> (browsers send events"
                    + " from an allowed origin instead)");
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(exchange, "the Authorization header must be Bearer <key>");
            return;
        }
        if (!keys.accepts(authorization.substring(BEARER.length()).trim())) {
            unauthorized(exchange, "the API key is not valid");
            return;
        }
        next.handleRequest(exchange);
    }

    private void unauthorized(HttpServerExchange exchange, String message) {
        metrics.refused(GatewayMetrics.RefuseReason.UNAUTHORIZED);
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        Json.error(exchange, StatusCodes.UNAUTHORIZED, message);
    }
}
