package io.streamrec.processor;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.StatusCodes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.util.function.Supplier;

/**
 * What every pull-API route shares: off the IO thread (store reads block), GET only, the {@code {id}} path
 * parameter, 503 until Kafka Streams runs and while a store is not queryable (starting, rebalancing).
 */
final class PullEndpoint implements HttpHandler {

    /** Answers for one id once the stores can be queried. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpServerExchange exchange, String id, PullQueries pull) throws Exception;
    }

    private final Supplier<PullQueries> queries;
    private final Answer answer;

    PullEndpoint(Supplier<PullQueries> queries, Answer answer) {
        this.queries = queries;
        this.answer = answer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        PullQueries pull = queries.get();
        if (pull == null) {
            Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the processor is starting; retry shortly");
            return;
        }
        String id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
        try {
            answer.answer(exchange, id, pull);
        } catch (InvalidStateStoreException e) {
            Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE,
                    "the store is not queryable now (" + e.getMessage() + "); retry shortly");
        }
    }
}
