package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** Answers paths the gateway does not serve with 404 and a pointer to the one it does. */
final class NotFoundHandler implements HttpHandler {

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Json.error(exchange, StatusCodes.NOT_FOUND, "no endpoint at " + exchange.getRequestPath()
                + "; events go to POST " + GatewayRoutes.EVENTS_PATH);
    }
}
