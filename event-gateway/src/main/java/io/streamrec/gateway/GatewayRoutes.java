package io.streamrec.gateway;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.util.Methods;

import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * The gateway's routes, each one a chain of one-concern handlers built outside-in in {@link #build}.
 *
 * <p>Who may send (see the README's "Who may send events"): {@code /v1/events} takes server-to-server calls with an
 * API key, and browser calls from an allowed origin without one; {@code /v1/beacon} and {@code /v1/pixel.gif} take
 * browser calls only. Browser calls are rate-limited per client IP.
 */
final class GatewayRoutes {
    static final String EVENTS_PATH = "/v1/events";
    static final String BEACON_PATH = "/v1/beacon";
    static final String PIXEL_PATH = "/v1/pixel.gif";
    static final String SCRIPT_PATH = "/streamrec.js";

    private final GatewayConfig.GatewaySettings settings;
    private final GatewayMetrics metrics;
    private final Supplier<LiveSettings> live;
    private final ApiKeys apiKeys;
    private final ClientRateLimiter rateLimiter;
    private final ClientIp clientIp;
    private final IoThreadAdmission ioThreadAdmission;

    GatewayRoutes(GatewayConfig.GatewaySettings settings, GatewayMetrics metrics, Supplier<LiveSettings> live,
                  ApiKeys apiKeys, IoThreadAdmission ioThreadAdmission) {
        this.settings = settings;
        this.ioThreadAdmission = ioThreadAdmission;
        this.metrics = metrics;
        this.live = live;
        this.apiKeys = apiKeys;
        this.rateLimiter = new ClientRateLimiter(() -> live.get().rateLimit());
        this.clientIp = new ClientIp(settings.clientIpHeader());
    }

    /**
     * @param events the end of {@code /v1/events}: runs with the body ({@link BodyHandler#BODY}) and its format
     *               ({@link ContentTypeHandler#FORMAT}) attached, on the IO thread when {@link IoThreadAdmission}
     *               admits the request, on a worker thread otherwise
     * @param beacon the end of {@code /v1/beacon}, likewise
     * @param pixel  the end of {@code /v1/pixel.gif}: runs on a worker thread, the event is in the query string
     */
    HttpHandler build(HttpHandler events, HttpHandler beacon, HttpHandler pixel) {
        HttpHandler eventsRoute =
                new RequestMetricsHandler(metrics,                  // counts every answer below, including refusals
                        maintenance(                                // 503 while the live switch is on
                                new OriginHandler(live, false, "POST", metrics,  // 403, CORS; no Origin: a server
                                        new ApiKeyHandler(apiKeys, metrics,      // 401 for servers without a key
                                                rateLimited(                     // 429 for browsers over the limit
                                                        new MethodHandler(Methods.POST,              // 405
                                                                body(EnumSet.of(BodyFormat.JSON, BodyFormat.NDJSON),
                                                                        events)))))));
        HttpHandler beaconRoute =
                new RequestMetricsHandler(metrics,
                        maintenance(
                                new OriginHandler(live, true, "POST", metrics,   // 403 without an allowed origin
                                        rateLimited(
                                                new MethodHandler(Methods.POST,
                                                        body(EnumSet.of(BodyFormat.BEACON_TEXT, BodyFormat.JSON),
                                                                beacon))))));
        HttpHandler pixelRoute =
                new RequestMetricsHandler(metrics,
                        maintenance(
                                new OriginHandler(live, true, "GET", metrics,    // Origin, or else Referer
                                        rateLimited(
                                                new MethodHandler(Methods.GET,
                                                        new WorkerDispatchHandler(pixel))))));
        return Handlers.path(new NotFoundHandler())
                .addExactPath(EVENTS_PATH, eventsRoute)
                .addExactPath(BEACON_PATH, beaconRoute)
                .addExactPath(PIXEL_PATH, pixelRoute)
                .addExactPath(SCRIPT_PATH, new ScriptHandler());
    }

    private HttpHandler maintenance(HttpHandler next) {
        return new MaintenanceHandler(live, settings.retryAfterSeconds(), metrics, next);
    }

    private HttpHandler rateLimited(HttpHandler next) {
        return new RateLimitHandler(rateLimiter, clientIp, metrics, next);
    }

    /** 415 for other formats, "100-continue" answered, then 413 or the whole body (and, if need be, a worker thread). */
    private HttpHandler body(EnumSet<BodyFormat> formats, HttpHandler next) {
        return new ContentTypeHandler(formats,
                new HttpContinueReadHandler(
                        new BodyHandler(settings.maxBodyBytes(), ioThreadAdmission, next)));
    }
}
