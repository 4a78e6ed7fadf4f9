package io.streamrec.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamrec.common.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.util.Comparator;
import java.util.Optional;

/**
 * {@code GET /v1/items/{id}/similar}: the item's top neighbours with their similarity under the configured strategy's
 * measure and the raw counts behind it. Rows are in a global store, so every instance answers for every item.
 */
final class SimilarItemsHandler implements PullEndpoint.Answer {
    static final String TEMPLATE = "/v1/items/{id}/similar";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StrategyResolver strategies;

    SimilarItemsHandler(StrategyResolver strategies) {
        this.strategies = strategies;
    }

    @Override
    public void answer(HttpServerExchange exchange, String itemId, PullQueries pull) {
        Optional<NeighbourRow> row = pull.rowOf(itemId);
        if (row.isEmpty()) {
            Json.error(exchange, StatusCodes.NOT_FOUND, "no similar items for item " + itemId + " yet");
            return;
        }
        Json.send(exchange, StatusCodes.OK, toJson(row.get(), strategies.configured().strategy().similarity()));
    }

    static String toJson(NeighbourRow row, SimilarityMeasure measure) {
        ObjectNode root = JSON.createObjectNode();
        root.put("itemId", row.itemId());
        root.put("occurrences", row.occurrences());
        root.put("similarity", measure.key());
        ArrayNode similar = root.putArray("similar");
        row.neighbours().stream()
                .sorted(Comparator.comparingDouble((NeighbourRow.Neighbour n) -> row.similarityTo(n, measure))
                        .reversed().thenComparing(NeighbourRow.Neighbour::itemId))
                .forEach(neighbour -> similar.addObject()
                        .put("itemId", neighbour.itemId())
                        .put("score", row.similarityTo(neighbour, measure))
                        .put("cooccurrences", neighbour.cooccurrences())
                        .put("occurrences", neighbour.occurrences()));
        return root.toString();
    }
}
