package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

/** Lets one HTTP method through; any other gets 405 with an {@code Allow} header. */
final class MethodHandler implements HttpHandler {
    private final HttpString method;
    private final HttpHandler next;

    MethodHandler(HttpString method, HttpHandler next) {
        this.method = method;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, method.toString());
            Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method " + exchange.getRequestMethod() + " is not"
                    + " allowed on " + exchange.getRequestPath() + "; use " + method);
            return;
        }
        next.handleRequest(exchange);
    }
}
