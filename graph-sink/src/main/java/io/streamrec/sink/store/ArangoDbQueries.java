package io.streamrec.sink.store;

import io.streamrec.schemas.InteractionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.streamrec.sink.store.ArangoDbSchema.GRAPH;
import static io.streamrec.sink.store.ArangoDbSchema.INTERACTIONS;
import static io.streamrec.sink.store.ArangoDbSchema.ITEMS;
import static io.streamrec.sink.store.ArangoDbSchema.USERS;

/**
 * The adapter's AQL. Values always travel as bind variables, never spliced into the text, so no id can change a
 * query's meaning.
 */
final class ArangoDbQueries {
    /**
     * Creates the missing vertices, widens the activity span of the others and, for the vertices given with
     * attributes, sets them: those are already merged with the stored ones (see {@link ArangoDbDocuments#vertices}).
     * An overwrite (insertDocuments with an overwrite mode) would replace the stored span with this batch's, which can
     * be narrower; UPSERT keeps the widening in one round trip. MIN and MAX skip nulls, so a vertex without a span
     * takes the batch's. {@code mergeObjects: false} replaces the attribute maps whole, so that a name the cap pushed
     * out does not linger.
     */
    static final String UPSERT_VERTICES = """
            FOR v IN @vertices
              UPSERT { _key: v._key }
              INSERT v
              UPDATE MERGE({ firstSeen: MIN([OLD.firstSeen, v.firstSeen]), lastSeen: MAX([OLD.lastSeen, v.lastSeen]) },
                HAS(v, "attributes") ? { attributes: v.attributes, attributeTimes: v.attributeTimes } : {})
              IN @@collection
              OPTIONS { exclusive: false, mergeObjects: false }""";

    /**
     * The stored attributes of the batch's vertices, by primary key, read inside the batch's transaction: a concurrent
     * writer that changes one of them before this transaction commits makes it fail with a write-write conflict,
     * which is retried.
     */
    static final String STORED_ATTRIBUTES = """
            FOR v IN @@collection
              FILTER v._key IN @keys
              RETURN { id: v.id, attributes: v.attributes, attributeTimes: v.attributeTimes }""";

    /** One vertex by primary key. */
    static final String VERTEX = """
            FOR v IN @@collection
              FILTER v._key == @key
              RETURN v""";

    /** The user's edges through the edge index on {@code _from}. */
    static final String ITEMS_OF_USER = """
            FOR e IN @@edges
              FILTER e._from == @user
              SORT e.lastSeen DESC, e.itemId ASC
              LIMIT @limit
              RETURN e""";

    private ArangoDbQueries() {
    }

    static AqlQuery upsertVertices(String collection, List<Map<String, Object>> vertices) {
        return new AqlQuery(UPSERT_VERTICES, Map.of("vertices", vertices, "@collection", collection));
    }

    static AqlQuery storedAttributes(String collection, List<String> keys) {
        return new AqlQuery(STORED_ATTRIBUTES, Map.of("@collection", collection, "keys", keys));
    }

    static AqlQuery vertex(VertexKind kind, String id) {
        return new AqlQuery(VERTEX, Map.of("@collection", kind == VertexKind.USER ? USERS : ITEMS,
                "key", ArangoDbKeys.vertex(id)));
    }

    static AqlQuery itemsOfUser(String userId, int limit) {
        return new AqlQuery(ITEMS_OF_USER, Map.of("@edges", INTERACTIONS,
                "user", ArangoDbDocuments.userHandle(userId), "limit", limit));
    }

    /**
     * Two hops on the named graph: from the item to its users, then to their other items, counting each item once
     * per user (one edge per pair). With a type, both hops follow only edges with a positive count of it.
     */
    static AqlQuery alsoInteracted(String itemId, InteractionType type, int limit) {
        List<String> lines = new ArrayList<>();
        lines.add("FOR user, seed IN 1..1 INBOUND @item GRAPH @graph");
        if (type != null) {
            lines.add("  FILTER seed.counts[@type] > 0");
        }
        lines.add("  FOR other, edge IN 1..1 OUTBOUND user GRAPH @graph");
        lines.add("    FILTER edge._to != @item" + (type == null ? "" : " AND edge.counts[@type] > 0"));
        lines.add("    COLLECT itemId = edge.itemId WITH COUNT INTO users");
        lines.add("    SORT users DESC, itemId ASC");
        lines.add("    LIMIT @limit");
        lines.add("    RETURN { itemId, users }");
        Map<String, Object> bindVars = new HashMap<>();
        bindVars.put("item", ArangoDbDocuments.itemHandle(itemId));
        bindVars.put("graph", GRAPH);
        bindVars.put("limit", limit);
        if (type != null) {
            bindVars.put("type", type.name());
        }
        return new AqlQuery(String.join("\n", lines), bindVars);
    }
}
