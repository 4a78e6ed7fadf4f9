package io.streamrec.processor;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /v1/strategy}: the strategy this instance applies now, with its version and the etcd revision its view
 * has caught up with, so that an operator can check that an edit in etcd has arrived. Answers from memory, on the
 * IO thread.
 */
final class ActiveStrategyHandler implements HttpHandler {
    private final LiveStrategies strategies;

    ActiveStrategyHandler(LiveStrategies strategies) {
        this.strategies = strategies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        ActiveStrategy active = strategies.get();
        Json.send(exchange, StatusCodes.OK, "{\"name\":" + Json.quote(active.strategy().name())
                + ",\"version\":" + active.version()
                + ",\"builtIn\":" + active.isBuiltIn()
                + ",\"etcdRevision\":" + strategies.etcdRevision()
                + ",\"strategy\":" + active.strategy().toJson() + "}");
    }
}
