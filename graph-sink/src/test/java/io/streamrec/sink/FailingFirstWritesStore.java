package io.streamrec.sink;

import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.sink.store.EdgeView;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.GraphStoreException;
import io.streamrec.sink.store.RelatedItem;
import io.streamrec.sink.store.VertexKind;
import io.streamrec.sink.store.VertexView;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection over a real store: the first {@code failures} writes fail as an adapter reports a fault, transient
 * (a write conflict) or not (a closed database); every other call, and every write after those, goes to the real
 * store.
 */
final class FailingFirstWritesStore implements GraphStore {
    private final GraphStore real;
    private final AtomicInteger failuresLeft;
    private final boolean retriable;

    FailingFirstWritesStore(GraphStore real, int failures, boolean retriable) {
        this.real = real;
        this.failuresLeft = new AtomicInteger(failures);
        this.retriable = retriable;
    }

    @Override
    public void upsertEdges(List<UserItemEdge> edges) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new GraphStoreException(retriable ? "injected write conflict" : "injected closed database", null,
                    retriable);
        }
        real.upsertEdges(edges);
    }

    @Override
    public List<EdgeView> itemsOfUser(String userId, int limit) {
        return real.itemsOfUser(userId, limit);
    }

    @Override
    public List<RelatedItem> alsoInteracted(String itemId, InteractionType type, int limit) {
        return real.alsoInteracted(itemId, type, limit);
    }

    @Override
    public Optional<VertexView> vertex(VertexKind kind, String id) {
        return real.vertex(kind, id);
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public void close() {
        real.close();
    }
}
