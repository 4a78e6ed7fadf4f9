package io.streamrec.sink.store;

import com.arcadedb.engine.WALFile;

import java.nio.file.Path;

/** Opens, writes and closes the embedded store in a child JVM, for tests that inspect what the process leaves. */
public final class OpenStoreProcess {
    private OpenStoreProcess() {
    }

    public static void main(String[] args) {
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(Path.of(args[0]), WALFile.FLUSH_TYPE.NO)) {
            store.upsertEdges(java.util.List.of(GraphStoreContract.edge("u1", "i1", "view")));
            System.out.println("edges of u1: " + store.itemsOfUser("u1", 10).size());
        }
    }
}
