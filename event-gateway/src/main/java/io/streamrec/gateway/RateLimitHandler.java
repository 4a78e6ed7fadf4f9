package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.util.concurrent.TimeUnit;

/**
 * Rate-limits browser requests per client IP (token bucket, {@link ClientRateLimiter}): over the limit, 429 with
 * {@code Retry-After}. Key holders are not limited here: one backend sends for all its users from one IP.
 */
final class RateLimitHandler implements HttpHandler {
    private static final int TOO_MANY_REQUESTS = 429;

    private final ClientRateLimiter limiter;
    private final ClientIp clientIp;
    private final GatewayMetrics metrics;
    private final HttpHandler next;

    RateLimitHandler(ClientRateLimiter limiter, ClientIp clientIp, GatewayMetrics metrics, HttpHandler next) {
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (BrowserCaller.is(exchange)) {
            long waitNanos = limiter.tryAcquire(clientIp.of(exchange));
            if (waitNanos > 0) {
                long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
                metrics.refused(GatewayMetrics.RefuseReason.RATE_LIMITED);
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfter);
                Json.error(exchange, TOO_MANY_REQUESTS, "too many requests from this client; retry after "
                        + retryAfter + " s");
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
