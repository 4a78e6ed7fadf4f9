package io.streamrec.sink.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.streamrec.sink.store.ArangoDbSchema.COUNTS;
import static io.streamrec.sink.store.ArangoDbSchema.FIRST_SEEN;
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

    static RelatedItem related(Map<?, ?> row) {
        return new RelatedItem((String) row.get("itemId"), ((Number) row.get("users")).longValue());
    }
}
