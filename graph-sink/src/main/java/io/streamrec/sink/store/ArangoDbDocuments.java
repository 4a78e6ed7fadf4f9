package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.UserItemEdge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.streamrec.sink.store.ArangoDbSchema.COUNTS;
import static io.streamrec.sink.store.ArangoDbSchema.FIRST_SEEN;
import static io.streamrec.sink.store.ArangoDbSchema.ID;
import static io.streamrec.sink.store.ArangoDbSchema.ITEMS;
import static io.streamrec.sink.store.ArangoDbSchema.ITEM_ID;
import static io.streamrec.sink.store.ArangoDbSchema.LAST_SEEN;
import static io.streamrec.sink.store.ArangoDbSchema.USERS;
import static io.streamrec.sink.store.ArangoDbSchema.USER_ID;
import static io.streamrec.sink.store.ArangoDbSchema.WEIGHT;

/**
 * The documents a batch becomes, built and checked before anything is sent, so that an edge no store can hold fails
 * its batch with a clear message instead of half-way through a transaction. Times are epoch milliseconds, as in the
 * ArcadeDB adapter and the Avro records.
 */
final class ArangoDbDocuments {
    private ArangoDbDocuments() {
    }

    /** One edge document per distinct pair: {@code _key}, {@code _from}, {@code _to} and the absolute aggregate. */
    static List<Map<String, Object>> edges(Collection<UserItemEdge> edges) {
        List<Map<String, Object>> documents = new ArrayList<>(edges.size());
        for (UserItemEdge edge : edges) {
            requireComplete(edge);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("_key", ArangoDbKeys.edge(edge.getUserId(), edge.getItemId()));
            document.put("_from", userHandle(edge.getUserId()));
            document.put("_to", itemHandle(edge.getItemId()));
            document.put(USER_ID, edge.getUserId());
            document.put(ITEM_ID, edge.getItemId());
            document.put(COUNTS, new TreeMap<>(edge.getCounts()));
            document.put(WEIGHT, edge.getWeight());
            document.put(FIRST_SEEN, edge.getFirstSeen().toEpochMilli());
            document.put(LAST_SEEN, edge.getLastSeen().toEpochMilli());
            documents.add(document);
        }
        return documents;
    }

    /**
     * One vertex document per id: {@code _key}, {@code id}, the span its edges of this batch need and, when its edges
     * carry attributes, the vertex's attributes after merging them into {@code stored} (by id, as read in the batch's
     * transaction): the merge happens here rather than in AQL, because AQL compares strings by the database's
     * collation, not as Java (and the ArcadeDB adapter) does, and the tie-break and the cap must be the same
     * everywhere.
     */
    static List<Map<String, Object>> vertices(Map<String, VertexUpdate> updates,
                                              Map<String, Map<String, AttributeValue>> stored) {
        List<Map<String, Object>> documents = new ArrayList<>(updates.size());
        new TreeMap<>(updates).forEach((id, update) -> {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("_key", ArangoDbKeys.vertex(id));
            document.put(ID, id);
            document.put(FIRST_SEEN, update.span().first());
            document.put(LAST_SEEN, update.span().last());
            Map<String, AttributeValue> attributes = update.mergedInto(stored.getOrDefault(id, Map.of()));
            if (!attributes.isEmpty()) {
                document.put(StoredAttributes.VALUES, StoredAttributes.values(attributes));
                document.put(StoredAttributes.TIMES, StoredAttributes.times(attributes));
            }
            documents.add(document);
        });
        return documents;
    }

    /** The vertices whose stored attributes the batch needs: those its edges carry attributes for. */
    static List<String> keysWithAttributes(Map<String, VertexUpdate> updates) {
        return new TreeMap<>(updates).entrySet().stream().filter(entry -> !entry.getValue().attributes().isEmpty())
                .map(entry -> ArangoDbKeys.vertex(entry.getKey())).toList();
    }

    /** The document handle ({@code users/<key>}) of a user id. */
    static String userHandle(String userId) {
        return USERS + "/" + ArangoDbKeys.vertex(userId);
    }

    static String itemHandle(String itemId) {
        return ITEMS + "/" + ArangoDbKeys.vertex(itemId);
    }

    private static void requireComplete(UserItemEdge edge) {
        if (edge.getUserId() == null || edge.getItemId() == null || edge.getCounts() == null
                || edge.getFirstSeen() == null || edge.getLastSeen() == null
                || edge.getUserAttributes() == null || edge.getItemAttributes() == null) {
            throw new IllegalArgumentException("edge " + edge.getUserId() + "/" + edge.getItemId()
                    + " lacks ids, counts, times or attribute maps");
        }
    }
}
