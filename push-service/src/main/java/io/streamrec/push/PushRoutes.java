package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The push service's routes, each chain built outside-in: what runs first is written first. */
final class PushRoutes {
    /** The subprotocol the server selects when a client offers subprotocols (browsers require one to be selected). */
    static final String FEED_SUBPROTOCOL = "streamrec.feed.v1";
    private static final String PAGE_RESOURCES = "io/streamrec/push/page";

    private PushRoutes() {
    }

    static HttpHandler create(PushConfig.PushSettings push, FeedTokens tokens, FeedHub hub,
                              WebSocketConnectionCallback feed, PushMetrics metrics) {
        HttpHandler feedChain =
                new OriginCheckHandler(new AllowedOrigins(push.allowedOrigins()), metrics,
                        new ConnectionLimitHandler(hub::connections, push.maxConnections(), metrics,
                                new FeedAuthHandler(tokens, metrics,
                                        new FeedResumeHandler(
                                                new WebSocketProtocolHandshakeHandler(
                                                        List.of(new Hybi13Handshake(Set.of(FEED_SUBPROTOCOL), false)),
                                                        feed, PushRoutes::upgradeRequired)))));
        // the page, its scripts and the built-in catalogue; anything else is a JSON 404
        ResourceHandler page = new ResourceHandler(
                new ClassPathResourceManager(PushRoutes.class.getClassLoader(), PAGE_RESOURCES), PushRoutes::notFound)
                .setWelcomeFiles("index.html");
        PathHandler routes = Handlers.path(page)
                .addExactPath("/v1/feed", feedChain)
                .addExactPath("/v1/demo/token", push.demoMode()
                        ? new DemoTokenHandler(tokens, Duration.ofSeconds(push.tokenTtlSeconds()))
                        : PushRoutes::notFound)
                .addExactPath("/config.json", new PageConfigHandler(push.gatewayUrl(), push.demoMode()));
        push.catalogFile().ifPresent(file -> routes.addExactPath("/catalog.json", CatalogHandler.fromFile(file)));
        return routes;
    }

    private static void upgradeRequired(HttpServerExchange exchange) {
        Json.error(exchange, StatusCodes.UPGRADE_REQUIRED, "GET /v1/feed is a WebSocket: send the upgrade headers");
    }

    private static void notFound(HttpServerExchange exchange) {
        Json.error(exchange, StatusCodes.NOT_FOUND, "no such endpoint: " + exchange.getRequestPath());
    }
}
