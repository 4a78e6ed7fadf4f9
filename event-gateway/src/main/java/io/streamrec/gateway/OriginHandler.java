package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Checks a browser request's {@code Origin} against the live allowlist and speaks CORS for it: answers preflights
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) with 204, and marks the request as
 * a {@link BrowserCaller} with {@code Access-Control-Allow-Origin} on its answer. A request from an origin not on
 * the list gets 403.
 *
 * <p>With {@code browserOnly} (beacon, pixel) a request must show where it comes from: without {@code Origin} (an
 * image request sends none) the origin of its {@code Referer} counts, and with neither it gets 403. Otherwise
 * ({@code /v1/events}) a request without {@code Origin} is a server's and passes on to the API-key check.
 */
final class OriginHandler implements HttpHandler {
    static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final int PREFLIGHT_CACHE_SECONDS = 600;

    private final Supplier<LiveSettings> live;
    private final boolean browserOnly;
    private final String allowedMethod;
    private final GatewayMetrics metrics;
    private final HttpHandler next;

    OriginHandler(Supplier<LiveSettings> live, boolean browserOnly, String allowedMethod, GatewayMetrics metrics,
                  HttpHandler next) {
        this.live = live;
        this.browserOnly = browserOnly;
        this.allowedMethod = allowedMethod;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null && browserOnly) {
            origin = refererOrigin(exchange.getRequestHeaders().getFirst(Headers.REFERER));
            if (origin == null) {
                refuse(exchange, "a request to " + exchange.getRequestPath() + " must come from a web page: send an"
                        + " Origin or Referer header of an allowed origin");
                return;
            }
        }
        if (origin == null) {
            next.handleRequest(exchange);
            return;
        }
        OriginAllowlist allowed = live.get().allowedOrigins();
        if (!allowed.allows(origin)) {
            refuse(exchange, "origin " + origin + " is not allowed to send events; allowed origins: " + allowed);
            return;
        }
        exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin).put(Headers.VARY, "Origin");
        if (Methods.OPTIONS.equals(exchange.getRequestMethod())
                && exchange.getRequestHeaders().contains(REQUEST_METHOD)) {
            exchange.getResponseHeaders().put(ALLOW_METHODS, allowedMethod)
                    .put(ALLOW_HEADERS, "Content-Type")
                    .put(MAX_AGE, PREFLIGHT_CACHE_SECONDS);
            exchange.setStatusCode(StatusCodes.NO_CONTENT);
            exchange.endExchange();
            return;
        }
        BrowserCaller.mark(exchange);
        next.handleRequest(exchange);
    }

    private void refuse(HttpServerExchange exchange, String message) {
        metrics.refused(GatewayMetrics.RefuseReason.ORIGIN);
        Json.error(exchange, StatusCodes.FORBIDDEN, message);
    }

    /** {@code https://shop.example:8443} from {@code https://shop.example:8443/cart?x=1}, or null. */
    private static String refererOrigin(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
