package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.database.RID;
import com.arcadedb.graph.MutableVertex;
import com.arcadedb.graph.Vertex;
import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.UserItemEdge;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.streamrec.sink.store.ArcadeDbSchema.COUNTS;
import static io.streamrec.sink.store.ArcadeDbSchema.FIRST_SEEN;
import static io.streamrec.sink.store.ArcadeDbSchema.ID;
import static io.streamrec.sink.store.ArcadeDbSchema.INTERACTED;
import static io.streamrec.sink.store.ArcadeDbSchema.ITEM;
import static io.streamrec.sink.store.ArcadeDbSchema.ITEM_ID;
import static io.streamrec.sink.store.ArcadeDbSchema.LAST_SEEN;
import static io.streamrec.sink.store.ArcadeDbSchema.USER;
import static io.streamrec.sink.store.ArcadeDbSchema.USER_ID;
import static io.streamrec.sink.store.ArcadeDbSchema.WEIGHT;

/**
 * Writes one batch of distinct edges inside the caller's transaction. Each user and item is found (by record id when
 * {@link KnownVertices} remembers it, else by the id index) and created or updated (span widened, attributes merged)
 * once per batch, however many of the batch's edges touch it; vertices are settled before any edge is created so
 * that an edge never points at a vertex copy that is saved again later. An edge whose user or item this batch created
 * cannot exist yet, so it is created without a lookup; any other is looked for in its user's adjacency list
 * ({@link ExistingEdges}).
 */
final class ArcadeDbBatchWrite {
    private final Database db;
    private final KnownVertices known;
    private final ExistingEdges existingEdges;
    private final Set<String> createdUsers = new HashSet<>();
    private final Set<String> createdItems = new HashSet<>();
    /** The batch's vertices, kept for {@link #committed()}. */
    private Map<String, Vertex> users = Map.of();
    private Map<String, Vertex> items = Map.of();

    ArcadeDbBatchWrite(Database db, KnownVertices known) {
        this.db = db;
        this.known = known;
        this.existingEdges = new ExistingEdges(db);
    }

    void write(Collection<UserItemEdge> edges) {
        users = upsertVertices(USER, VertexUpdate.ofUsers(edges), createdUsers);
        items = upsertVertices(ITEM, VertexUpdate.ofItems(edges), createdItems);
        for (UserItemEdge edge : edges) {
            boolean isNew = createdUsers.contains(edge.getUserId()) || createdItems.contains(edge.getItemId());
            upsertEdge(users.get(edge.getUserId()), items.get(edge.getItemId()), edge, isNew);
        }
    }

    private Map<String, Vertex> upsertVertices(String type, Map<String, VertexUpdate> updates, Set<String> created) {
        Map<String, Vertex> vertices = new HashMap<>(updates.size() * 2);
        updates.forEach((id, update) -> {
            Vertex stored = known.find(type, id);
            if (stored != null) {
                vertices.put(id, update(stored, update));
            } else {
                created.add(id);
                MutableVertex vertex = db.newVertex(type).set(ID, id, FIRST_SEEN, update.span().first(),
                        LAST_SEEN, update.span().last());
                setAttributes(vertex, update.mergedInto(Map.of()));
                vertices.put(id, vertex.save());
            }
        });
        return vertices;
    }

    /** Once the transaction has committed: its vertices are safe to find by record id from now on. */
    void committed() {
        known.remember(USER, users);
        known.remember(ITEM, items);
    }

    /** Saves the vertex only when the update widens its span or changes an attribute: most batches do neither. */
    private static Vertex update(Vertex vertex, VertexUpdate update) {
        ActivitySpan stored = ActivitySpan.of(vertex.getLong(FIRST_SEEN), vertex.getLong(LAST_SEEN));
        ActivitySpan widened = stored == null ? update.span() : stored.union(update.span());
        Map<String, AttributeValue> storedAttributes = update.attributes().isEmpty() ? Map.of()
                : StoredAttributes.read(vertex.get(StoredAttributes.VALUES), vertex.get(StoredAttributes.TIMES));
        Map<String, AttributeValue> merged = update.mergedInto(storedAttributes);
        boolean spanChanged = !widened.equals(stored);
        boolean attributesChanged = !merged.equals(storedAttributes);
        if (!spanChanged && !attributesChanged) {
            return vertex;
        }
        MutableVertex modified = vertex.modify();
        if (spanChanged) {
            modified.set(FIRST_SEEN, widened.first(), LAST_SEEN, widened.last());
        }
        if (attributesChanged) {
            setAttributes(modified, merged);
        }
        return modified.save();
    }

    private static void setAttributes(MutableVertex vertex, Map<String, AttributeValue> attributes) {
        if (!attributes.isEmpty()) {
            vertex.set(StoredAttributes.VALUES, StoredAttributes.values(attributes),
                    StoredAttributes.TIMES, StoredAttributes.times(attributes));
        }
    }

    private void upsertEdge(Vertex user, Vertex item, UserItemEdge edge, boolean certainlyNew) {
        Object[] properties = {
                USER_ID, edge.getUserId(),
                ITEM_ID, edge.getItemId(),
                COUNTS, new HashMap<>(edge.getCounts()),
                WEIGHT, edge.getWeight(),
                FIRST_SEEN, edge.getFirstSeen().toEpochMilli(),
                LAST_SEEN, edge.getLastSeen().toEpochMilli()};
        RID stored = certainlyNew ? null : existingEdges.find(user, item);
        if (stored != null) {
            stored.asEdge().modify().set(properties).save();
        } else {
            // bidirectional: "also interacted" walks from the item back to its users
            user.newEdge(INTERACTED, item, true, properties);
        }
    }
}
