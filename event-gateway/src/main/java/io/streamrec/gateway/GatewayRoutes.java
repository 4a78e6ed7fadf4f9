package io.streamrec.gateway;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.util.Methods;

/** The gateway's routes, each one a chain of one-concern handlers built outside-in. */
final class GatewayRoutes {
    static final String EVENTS_PATH = "/v1/events";

    private GatewayRoutes() {
    }

    /**
     * @param events runs on a worker thread with the body ({@link BodyHandler#BODY}) and its format
     *               ({@link ContentTypeHandler#FORMAT}) attached
     */
    static HttpHandler build(GatewayConfig.GatewaySettings settings, GatewayMetrics metrics, HttpHandler events) {
        HttpHandler eventsRoute =
                new RequestMetricsHandler(metrics,          // counts every answer below, including refusals
                        new MethodHandler(Methods.POST,     // 405
                                new ContentTypeHandler(     // 415
                                        new HttpContinueReadHandler(   // answers "Expect: 100-continue" on first read
                                                new BodyHandler(settings.maxBodyBytes(),   // 413, then a worker
                                                        events)))));
        return Handlers.path(new NotFoundHandler()).addExactPath(EVENTS_PATH, eventsRoute);
    }
}
