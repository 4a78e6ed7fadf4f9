package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.function.Supplier;

/** While the live {@code maintenance} switch is on, answers 503 with {@code Retry-After} instead of taking events. */
final class MaintenanceHandler implements HttpHandler {
    private final Supplier<LiveSettings> live;
    private final int retryAfterSeconds;
    private final GatewayMetrics metrics;
    private final HttpHandler next;

    MaintenanceHandler(Supplier<LiveSettings> live, int retryAfterSeconds, GatewayMetrics metrics, HttpHandler next) {
        this.live = live;
        this.retryAfterSeconds = retryAfterSeconds;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (live.get().maintenance()) {
            metrics.refused(GatewayMetrics.RefuseReason.MAINTENANCE);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
            Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the event gateway is in maintenance and takes no"
                    + " events; retry after " + retryAfterSeconds + " s");
            return;
        }
        next.handleRequest(exchange);
    }
}
