package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.graph.Vertex;
import com.arcadedb.index.IndexCursor;
import com.arcadedb.schema.Schema;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;

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
 * The benchmark's baselines: the naive per-edge loop of /work/shared/notes/graph-store.md, which for every edge looks
 * up both vertices by key (creating them when missing), then the edge, and creates or updates it; either one
 * transaction per edge, or the whole batch in one transaction (as measured in that note). Same model and schema as
 * {@link ArcadeDbGraphStore}, which serves its reads, plus the unique edge index the naive lookup needs.
 */
public final class NaivePerEdgeStore implements GraphStore {
    private static final String[] EDGE_KEY = {"@out", "@in"};

    private final Database db;
    private final ArcadeDbGraphStore reads;
    private final boolean transactionPerEdge;

    public NaivePerEdgeStore(Database db, boolean transactionPerEdge) {
        this.db = db;
        this.reads = new ArcadeDbGraphStore(db);
        db.getSchema().getOrCreateTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, INTERACTED, EDGE_KEY);
        this.transactionPerEdge = transactionPerEdge;
    }

    @Override
    public void upsertEdges(List<UserItemEdge> edges) {
        if (transactionPerEdge) {
            edges.forEach(edge -> db.transaction(() -> upsert(edge)));
        } else {
            db.transaction(() -> edges.forEach(this::upsert));
        }
    }

    private void upsert(UserItemEdge edge) {
        long first = edge.getFirstSeen().toEpochMilli();
        long last = edge.getLastSeen().toEpochMilli();
        Vertex user = vertex(USER, edge.getUserId(), first, last);
        Vertex item = vertex(ITEM, edge.getItemId(), first, last);
        Object[] properties = {USER_ID, edge.getUserId(), ITEM_ID, edge.getItemId(),
                COUNTS, new HashMap<>(edge.getCounts()), WEIGHT, edge.getWeight(), FIRST_SEEN, first, LAST_SEEN, last};
        IndexCursor found = db.lookupByKey(INTERACTED, EDGE_KEY,
                new Object[]{user.getIdentity(), item.getIdentity()});
        if (found.hasNext()) {
            found.next().asEdge().modify().set(properties).save();
        } else {
            user.newEdge(INTERACTED, item, true, properties);
        }
    }

    private Vertex vertex(String type, String id, long first, long last) {
        IndexCursor found = db.lookupByKey(type, ID, id);
        if (!found.hasNext()) {
            return db.newVertex(type).set(ID, id, FIRST_SEEN, first, LAST_SEEN, last).save();
        }
        Vertex vertex = found.next().asVertex();
        long storedFirst = vertex.getLong(FIRST_SEEN);
        long storedLast = vertex.getLong(LAST_SEEN);
        if (first < storedFirst || last > storedLast) {
            return vertex.modify().set(FIRST_SEEN, Math.min(first, storedFirst), LAST_SEEN, Math.max(last, storedLast))
                    .save();
        }
        return vertex;
    }

    @Override
    public List<EdgeView> itemsOfUser(String userId, int limit) {
        return reads.itemsOfUser(userId, limit);
    }

    @Override
    public List<RelatedItem> alsoInteracted(String itemId, InteractionType type, int limit) {
        return reads.alsoInteracted(itemId, type, limit);
    }

    @Override
    public Optional<VertexView> vertex(VertexKind kind, String id) {
        return reads.vertex(kind, id);
    }

    @Override
    public boolean isOpen() {
        return db.isOpen();
    }

    @Override
    public void close() {
        db.close();
    }
}
