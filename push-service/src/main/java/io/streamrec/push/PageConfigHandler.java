package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /config.json}: what the live page needs to know about its deployment, namely the gateway it sends
 * events to and whether it may fetch demo tokens. Nothing secret goes here: any visitor reads it.
 */
final class PageConfigHandler implements HttpHandler {
    private final String body;

    PageConfigHandler(String gatewayUrl, boolean demoMode) {
        String base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.body = "{\"gatewayUrl\":" + Json.quote(base) + ",\"demoMode\":" + demoMode + "}";
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Json.send(exchange, StatusCodes.OK, body);
    }
}
