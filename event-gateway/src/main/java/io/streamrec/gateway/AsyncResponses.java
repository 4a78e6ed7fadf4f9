package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Keeps an exchange open until a future completes, then answers on the exchange's IO thread, whichever thread
 * completed the future (for a Kafka acknowledgement: the producer's network thread, which must stay free).
 */
final class AsyncResponses {
    private static final Logger log = LoggerFactory.getLogger(AsyncResponses.class);

    private AsyncResponses() {
    }

    /** Call from inside a handler; the handler must return right after and not touch the exchange again. */
    static <T> void respondWhenDone(HttpServerExchange exchange, CompletionStage<T> result,
                                    BiConsumer<HttpServerExchange, T> respond) {
        // dispatching marks the exchange as still running, so Undertow does not end it when the handler returns
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> result.whenComplete((value, error) ->
                exchange.dispatch(exchange.getIoThread(), done -> {
                    if (error != null) {
                        log.atError().addKeyValue("path", done.getRequestPath()).setCause(error)
                                .log("request failed unexpectedly");
                        Json.error(done, StatusCodes.INTERNAL_SERVER_ERROR, "internal error: " + error);
                    } else {
                        respond.accept(done, value);
                    }
                })));
    }
}
