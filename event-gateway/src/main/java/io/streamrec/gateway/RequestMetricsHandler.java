package io.streamrec.gateway;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Counts requests in flight and responses by status class; outermost, so it sees every answer of its route. */
final class RequestMetricsHandler implements HttpHandler {
    private final GatewayMetrics metrics;
    private final HttpHandler next;

    RequestMetricsHandler(GatewayMetrics metrics, HttpHandler next) {
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        metrics.requestStarted();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            metrics.requestEnded();
            metrics.response(done.getStatusCode());
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
