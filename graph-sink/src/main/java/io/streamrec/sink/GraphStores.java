package io.streamrec.sink;

import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.GraphStoreException;

/** Opens the configured graph store adapter. */
final class GraphStores {
    private GraphStores() {
    }

    static GraphStore open(SinkSettings settings) {
        try {
            return switch (settings.store()) {
                case ARCADEDB -> ArcadeDbGraphStore.open(settings.arcadedbPath(), settings.arcadedbWalFlush());
            };
        } catch (GraphStoreException e) {
            throw new StartupException("graph store: " + e.getMessage()
                    + " (check streamrec.sink.arcadedb-path, and that nothing else has that database open)", e);
        }
    }
}
