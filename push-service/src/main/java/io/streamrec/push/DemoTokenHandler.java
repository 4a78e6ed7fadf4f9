package io.streamrec.push;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.time.Duration;
import java.util.Deque;
import java.util.Optional;

/**
 * {@code GET /v1/demo/token?user=U} answers {@code {"token":...,"userId":...,"expiresInSeconds":N}}. It trusts
 * whoever asks, so it exists only in demo mode; in production the application's backend issues tokens after its
 * own login, with the same secret.
 */
final class DemoTokenHandler implements HttpHandler {
    private final FeedTokens tokens;
    private final Duration ttl;

    DemoTokenHandler(FeedTokens tokens, Duration ttl) {
        this.tokens = tokens;
        this.ttl = ttl;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED, "use GET /v1/demo/token?user=U");
            return;
        }
        Deque<String> users = exchange.getQueryParameters().get("user");
        String userId = users == null ? null : users.peekFirst();
        Optional<String> problem = FeedTokens.userIdProblem(userId);
        if (problem.isPresent()) {
            Json.error(exchange, StatusCodes.BAD_REQUEST, problem.get() + ": use GET /v1/demo/token?user=U");
            return;
        }
        Json.send(exchange, StatusCodes.OK, "{\"token\":" + Json.quote(tokens.issue(userId, ttl))
                + ",\"userId\":" + Json.quote(userId) + ",\"expiresInSeconds\":" + ttl.toSeconds() + "}");
    }
}
