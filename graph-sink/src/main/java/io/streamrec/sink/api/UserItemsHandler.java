package io.streamrec.sink.api;

import io.streamrec.sink.store.EdgeView;
import io.streamrec.sink.store.GraphStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/graph/users/{id}/items?limit=N}: the user's edges, most recently seen first. An unknown user has
 * no items yet, which is an empty list rather than a 404: the graph fills as events arrive.
 */
final class UserItemsHandler implements HttpHandler {
    static final int DEFAULT_LIMIT = 50;

    private final GraphStore store;

    UserItemsHandler(GraphStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String userId = RequestParams.id(exchange);
        int limit = RequestParams.limit(exchange, DEFAULT_LIMIT);
        List<Item> items = store.itemsOfUser(userId, limit).stream().map(Item::of).toList();
        ApiJson.ok(exchange, new Response(userId, items));
    }

    record Response(String userId, List<Item> items) {
    }

    record Item(String itemId, Map<String, Long> counts, double weight, String firstSeen, String lastSeen) {
        static Item of(EdgeView edge) {
            return new Item(edge.itemId(), new TreeMap<>(edge.counts()), edge.weight(),
                    edge.firstSeen().toString(), edge.lastSeen().toString());
        }
    }
}
