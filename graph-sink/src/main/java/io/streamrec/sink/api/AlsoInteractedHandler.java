package io.streamrec.sink.api;

import io.streamrec.schemas.InteractionType;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.RelatedItem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.List;

/**
 * {@code GET /v1/graph/items/{id}/also?type=T&limit=N}: items that the users of this item also interacted with,
 * ranked by shared users; with {@code type}, only interactions of that type count on both hops. This is the ad-hoc
 * traversal: for popular items it reads every co-user's edges, so serving paths use the processor's precomputed
 * co-occurrence instead.
 */
final class AlsoInteractedHandler implements HttpHandler {
    static final int DEFAULT_LIMIT = 10;

    private final GraphStore store;

    AlsoInteractedHandler(GraphStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String itemId = RequestParams.id(exchange);
        InteractionType type = RequestParams.type(exchange);
        int limit = RequestParams.limit(exchange, DEFAULT_LIMIT);
        ApiJson.ok(exchange, new Response(itemId, store.alsoInteracted(itemId, type, limit)));
    }

    record Response(String itemId, List<RelatedItem> also) {
    }
}
