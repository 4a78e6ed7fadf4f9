package io.streamrec.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.Map;
import java.util.stream.Collectors;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics}, which every service exposes on its port. */
public final class OpsHandlers {
    private OpsHandlers() {
    }

    public static PathHandler withOps(HttpHandler app, Readiness readiness, PrometheusMeterRegistry metrics) {
        return Handlers.path(app)
                .addExactPath("/health/live", OpsHandlers::live)
                .addExactPath("/health/ready", new BlockingHandler(exchange -> ready(exchange, readiness)))
                .addExactPath("/metrics", new BlockingHandler(exchange -> metrics(exchange, metrics)));
    }

    private static void live(HttpServerExchange exchange) {
        Json.send(exchange, StatusCodes.OK, "{\"status\":\"UP\"}");
    }

    private static void ready(HttpServerExchange exchange, Readiness readiness) {
        Map<String, Boolean> results = readiness.evaluate();
        boolean ready = results.values().stream().allMatch(Boolean::booleanValue);
        String checks = results.entrySet().stream()
                .map(e -> Json.quote(e.getKey()) + ":" + Json.quote(e.getValue() ? "UP" : "DOWN"))
                .collect(Collectors.joining(",", "{", "}"));
        Json.send(exchange, ready ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                "{\"status\":" + Json.quote(ready ? "UP" : "DOWN") + ",\"checks\":" + checks + "}");
    }

    private static void metrics(HttpServerExchange exchange, PrometheusMeterRegistry metrics) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseSender().send(metrics.scrape());
    }
}
