package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.database.RID;
import com.arcadedb.engine.Bucket;
import com.arcadedb.graph.EdgeSegment;
import com.arcadedb.graph.MutableEdgeSegment;
import com.arcadedb.graph.Vertex;
import com.arcadedb.graph.VertexInternal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.streamrec.sink.store.ArcadeDbSchema.INTERACTED;

/**
 * Finds a pair's stored edge in its user's adjacency list, which holds record ids only: each user's list is read once
 * per batch, without loading an edge, into a map from item to edge. This is also what keeps one edge per pair (see
 * {@link ArcadeDbSchema}). It replaced a lookup in a unique edge index per edge, which searched every uncompacted index
 * page and took a quarter of the writer's time at 600k edges; a user's list is short (ten edges on average in the
 * benchmark) and even a very active user's costs one pass per batch.
 * The list's segments are read directly rather than through the engine's edge iterator, which loads the vertex at the
 * other end of every entry to check that it still exists: that took a third of this pass, and the check is not needed
 * here, as the items looked for are live vertices and removing a vertex removes its edges from both ends' lists.
 */
final class ExistingEdges {
    private final Database db;
    private final Set<Integer> edgeBuckets = new HashSet<>();
    private final Map<RID, Map<RID, RID>> edgeByItemOfUser = new HashMap<>();

    ExistingEdges(Database db) {
        this.db = db;
        for (Bucket bucket : db.getSchema().getType(INTERACTED).getBuckets(true)) {
            edgeBuckets.add(bucket.getFileId());
        }
    }

    /** The record id of the edge from {@code user} to {@code item}, or null when they are not connected. */
    RID find(Vertex user, Vertex item) {
        return edgeByItemOfUser.computeIfAbsent(user.getIdentity(), rid -> readOutEdges(user)).get(item.getIdentity());
    }

    private Map<RID, RID> readOutEdges(Vertex user) {
        Map<RID, RID> edgeByItem = new HashMap<>();
        RID head = ((VertexInternal) user).getOutEdgesHeadChunk();
        for (EdgeSegment segment = head == null ? null : (EdgeSegment) db.lookupByRID(head, true); segment != null;
             segment = segment.getPrevious()) {
            AtomicInteger position = new AtomicInteger(MutableEdgeSegment.CONTENT_START_POSITION);
            while (position.get() < segment.getUsed()) {
                // each entry is (edge, vertex at the other end)
                RID edge = segment.getRID(position);
                RID item = segment.getRID(position);
                if (edgeBuckets.contains(edge.getBucketId())) {
                    edgeByItem.put(item, edge);
                }
            }
        }
        return edgeByItem;
    }
}
