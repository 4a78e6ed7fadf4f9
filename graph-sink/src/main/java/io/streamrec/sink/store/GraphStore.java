package io.streamrec.sink.store;

import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;

import java.util.List;
import java.util.Optional;

/**
 * The user–item graph, whatever engine holds it. One {@code User} and one {@code Item} vertex per id and at most one
 * edge per user and item, carrying that pair's absolute aggregate. Vertices carry their activity span and their
 * attributes. Methods throw {@link GraphStoreException}, which
 * says whether retrying can help. Implementations are safe for one writer thread and many reader threads.
 */
public interface GraphStore extends AutoCloseable {

    /**
     * Writes the edges atomically: all of them or none. Each edge replaces the stored one for its user and item
     * (absolute values, not increments), so writing the same list twice leaves the same graph; within the list a later
     * edge for the same pair wins. Vertices are created as needed and their firstSeen/lastSeen widened to cover their
     * edges. The edges' user and item attributes are merged into their vertices by
     * {@link io.streamrec.schemas.VertexAttributes#merge} (per name the newest time wins), so batches written in any
     * order, or twice, leave the same vertices.
     */
    void upsertEdges(List<UserItemEdge> edges);

    /** The user's edges, most recently seen first (ties by item id); empty for an unknown user. */
    List<EdgeView> itemsOfUser(String userId, int limit);

    /**
     * "Users who interacted with this item also interacted with": every other item ranked by how many distinct users
     * share it with {@code itemId}, most first (ties by item id). With a {@code type}, both hops only follow edges
     * whose count for that type is positive ("who bought X also bought"); {@code null} follows every edge. Empty for
     * an unknown item.
     */
    List<RelatedItem> alsoInteracted(String itemId, InteractionType type, int limit);

    /** The user or item with this id; empty when the graph has none. */
    Optional<VertexView> vertex(VertexKind kind, String id);

    /** Whether the store can take reads and writes; backs the readiness check. */
    boolean isOpen();

    /** Releases what the store opened itself; a database handed in by the caller stays the caller's to close. */
    @Override
    void close();
}
