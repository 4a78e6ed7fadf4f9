package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.streamrec.sink.store.ArangoDbSchema.COUNTS;
import static io.streamrec.sink.store.ArangoDbSchema.FIRST_SEEN;
import static io.streamrec.sink.store.ArangoDbSchema.ID;
import static io.streamrec.sink.store.ArangoDbSchema.ITEM_ID;
import static io.streamrec.sink.store.ArangoDbSchema.LAST_SEEN;
import static io.streamrec.sink.store.ArangoDbSchema.USER_ID;
import static io.streamrec.sink.store.ArangoDbSchema.WEIGHT;

/** Reads query results, which arrive as JSON objects whose numbers may be any Number type. */
final class ArangoDbRows {
    private ArangoDbRows() {
    }

    static EdgeView edge(Map<?, ?> row) {
        Map<String, Long> counts = new HashMap<>();
        if (row.get(COUNTS) instanceof Map<?, ?> stored) {
            stored.forEach((type, count) -> counts.put(type.toString(), ((Number) count).longValue()));
        }
        return new EdgeView((String) row.get(USER_ID), (String) row.get(ITEM_ID), counts,
                ((Number) row.get(WEIGHT)).doubleValue(),
                Instant.ofEpochMilli(((Number) row.get(FIRST_SEEN)).longValue()),
                Instant.ofEpochMilli(((Number) row.get(LAST_SEEN)).longValue()));
    }

    /** A vertex document; a bound missing (a vertex written by another tool) stays null. */
    static VertexView vertex(Map<?, ?> row) {
        return StoredAttributes.view((String) row.get(ID), epochMillis(row.get(FIRST_SEEN)),
                epochMillis(row.get(LAST_SEEN)), row.get(StoredAttributes.VALUES), row.get(StoredAttributes.TIMES));
    }

    /** Rows of {@link ArangoDbQueries#STORED_ATTRIBUTES}, by vertex id. */
    @SuppressWarnings("rawtypes")
    static Map<String, Map<String, AttributeValue>> storedAttributes(List<Map> rows) {
        Map<String, Map<String, AttributeValue>> byId = new HashMap<>();
        for (Map<?, ?> row : rows) {
            byId.put((String) row.get(ID), StoredAttributes.read(row.get(StoredAttributes.VALUES),
                    row.get(StoredAttributes.TIMES)));
        }
        return byId;
    }

    private static Long epochMillis(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    static RelatedItem related(Map<?, ?> row) {
        return new RelatedItem((String) row.get("itemId"), ((Number) row.get("users")).longValue());
    }
}
