package io.streamrec.sink.api;

import io.streamrec.common.http.Json;
import io.streamrec.sink.store.GraphStoreException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a bad request with 400 and its reason, and a failing store with 503, in the service's JSON error shape. */
final class ApiErrorHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final HttpHandler next;

    ApiErrorHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            next.handleRequest(exchange);
        } catch (BadRequestException e) {
            Json.error(exchange, StatusCodes.BAD_REQUEST, e.getMessage());
        } catch (GraphStoreException e) {
            log.atWarn().addKeyValue("path", exchange.getRequestPath()).addKeyValue("error", e.getMessage())
                    .log("graph read failed");
            Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the graph store is unavailable, retry later");
        }
    }
}
