package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.graph.Vertex;
import com.arcadedb.index.IndexCursor;
import io.streamrec.schemas.UserItemEdge;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static io.streamrec.sink.store.ArcadeDbSchema.COUNTS;
import static io.streamrec.sink.store.ArcadeDbSchema.EDGE_KEY;
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
 * Writes one batch of distinct edges inside the caller's transaction. Each user and item is looked up (and created or
 * widened) once per batch, however many of the batch's edges touch it; vertices are settled before any edge is
 * created so that an edge never points at a vertex copy that is saved again later.
 */
final class ArcadeDbBatchWrite {
    private final Database db;

    ArcadeDbBatchWrite(Database db) {
        this.db = db;
    }

    void write(Collection<UserItemEdge> edges) {
        Map<String, Vertex> users = upsertVertices(USER, spansBy(edges, UserItemEdge::getUserId));
        Map<String, Vertex> items = upsertVertices(ITEM, spansBy(edges, UserItemEdge::getItemId));
        for (UserItemEdge edge : edges) {
            upsertEdge(users.get(edge.getUserId()), items.get(edge.getItemId()), edge);
        }
    }

    private Map<String, Vertex> upsertVertices(String type, Map<String, TimeSpan> spans) {
        Map<String, Vertex> vertices = new HashMap<>(spans.size() * 2);
        spans.forEach((id, span) -> {
            IndexCursor found = db.lookupByKey(type, ID, id);
            Vertex vertex = found.hasNext() ? widen(found.next().asVertex(), span)
                    : db.newVertex(type).set(ID, id, FIRST_SEEN, span.first(), LAST_SEEN, span.last()).save();
            vertices.put(id, vertex);
        });
        return vertices;
    }

    private static Vertex widen(Vertex vertex, TimeSpan span) {
        TimeSpan stored = TimeSpan.of(vertex.getLong(FIRST_SEEN), vertex.getLong(LAST_SEEN));
        TimeSpan widened = stored == null ? span : stored.union(span);
        if (widened.equals(stored)) {
            return vertex;
        }
        return vertex.modify().set(FIRST_SEEN, widened.first(), LAST_SEEN, widened.last()).save();
    }

    private void upsertEdge(Vertex user, Vertex item, UserItemEdge edge) {
        Object[] properties = {
                USER_ID, edge.getUserId(),
                ITEM_ID, edge.getItemId(),
                COUNTS, new HashMap<>(edge.getCounts()),
                WEIGHT, edge.getWeight(),
                FIRST_SEEN, edge.getFirstSeen().toEpochMilli(),
                LAST_SEEN, edge.getLastSeen().toEpochMilli()};
        IndexCursor found = db.lookupByKey(INTERACTED, EDGE_KEY, new Object[]{edge.getUserId(), edge.getItemId()});
        if (found.hasNext()) {
            found.next().asEdge().modify().set(properties).save();
        } else {
            // bidirectional: "also interacted" walks from the item back to its users
            user.newEdge(INTERACTED, item, true, properties);
        }
    }

    private static Map<String, TimeSpan> spansBy(Collection<UserItemEdge> edges, Function<UserItemEdge, String> id) {
        Map<String, TimeSpan> spans = new HashMap<>();
        for (UserItemEdge edge : edges) {
            TimeSpan span = new TimeSpan(edge.getFirstSeen().toEpochMilli(), edge.getLastSeen().toEpochMilli());
            spans.merge(id.apply(edge), span, TimeSpan::union);
        }
        return spans;
    }

    /** Epoch-millisecond bounds of a vertex's activity. */
    private record TimeSpan(long first, long last) {
        /** Null when the vertex has no stored bounds (created by another tool). */
        static TimeSpan of(Long first, Long last) {
            return first == null || last == null ? null : new TimeSpan(first, last);
        }

        TimeSpan union(TimeSpan other) {
            return new TimeSpan(Math.min(first, other.first), Math.max(last, other.last));
        }
    }
}
