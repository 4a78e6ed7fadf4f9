package io.streamrec.sink.api;

import io.streamrec.common.http.Json;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.VertexKind;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.StatusCodes;

/**
 * The graph API routes, read top to bottom. Each route runs on a worker thread (store reads block) behind
 * {@link ApiErrorHandler}, which turns bad parameters into 400 and store failures into 503.
 * <ul>
 *   <li>{@code GET /v1/graph/users/{id}} and {@code GET /v1/graph/items/{id}} - one user or item: activity span and
 *   attributes</li>
 *   <li>{@code GET /v1/graph/users/{id}/items?limit=N} - the user's items, most recent first</li>
 *   <li>{@code GET /v1/graph/items/{id}/also?type=T&limit=N} - users who interacted with the item also interacted
 *   with</li>
 * </ul>
 */
public final class GraphApi {
    static final int MAX_LIMIT = 1000;

    private GraphApi() {
    }

    public static HttpHandler routes(GraphStore store) {
        // false: path parameters stay out of the query parameters, so "?id=" cannot shadow them
        return new RoutingHandler(false)
                .get("/v1/graph/users/{id}", worker(new VertexHandler(store, VertexKind.USER)))
                .get("/v1/graph/items/{id}", worker(new VertexHandler(store, VertexKind.ITEM)))
                .get("/v1/graph/users/{id}/items", worker(new UserItemsHandler(store)))
                .get("/v1/graph/items/{id}/also", worker(new AlsoInteractedHandler(store)))
                .setInvalidMethodHandler(exchange -> Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()))
                .setFallbackHandler(exchange -> Json.error(exchange, StatusCodes.NOT_FOUND,
                        "no such resource: " + exchange.getRequestPath()));
    }

    private static HttpHandler worker(HttpHandler handler) {
        return new BlockingHandler(new ApiErrorHandler(handler));
    }
}
