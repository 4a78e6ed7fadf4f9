package io.streamrec.gateway;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Moves a request without a body to a worker thread: sending to Kafka may block up to max.block.ms. */
final class WorkerDispatchHandler implements HttpHandler {
    private final HttpHandler next;

    WorkerDispatchHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(next);
            return;
        }
        next.handleRequest(exchange);
    }
}
