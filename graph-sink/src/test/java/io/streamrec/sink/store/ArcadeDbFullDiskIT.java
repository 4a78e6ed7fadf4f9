package io.streamrec.sink.store;

import com.arcadedb.engine.WALFile;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.testkit.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store on a disk that fills up: a real 128 MB tmpfs, most of it taken by a filler file, so the test needs the
 * right to mount one (root in a VM, as on the build machine); elsewhere it is reported as skipped. Each test writes batches
 * the way the sink does, retrying a failed batch until it is written, and frees the space after a few failures, as
 * an operator would.
 */
class ArcadeDbFullDiskIT {
    private static final int BATCHES = 40;
    private static final long MB = 1024 * 1024;
    private final Path disk = Path.of("target", "testkit", "full-disk-" + System.nanoTime()).toAbsolutePath();
    private final Path filler = disk.resolve("filler");
    private final List<GraphStoreException> failures = new ArrayList<>();
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Files.createDirectories(disk);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", disk.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root; skipped");
        Files.write(filler, new byte[(int) (100 * MB)]);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            // lazily: a database dropped after a failed commit may still hold a file open until it is collected
            run("umount", "-l", disk.toString());
        }
        TestDirectories.deleteRecursively(disk);
    }

    @Test
    void writesWaitWhileTheDiskIsNearlyFullAndResumeWithNothingLost() {
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(disk.resolve("graph"), WALFile.FLUSH_TYPE.NO, 12 * MB)) {
            writeAllBatches(store);

            assertThat(failures).as("writes waited").isNotEmpty().allSatisfy(failure -> {
                assertThat(failure.retriable()).isTrue();
                assertThat(failure).hasMessageContaining("MB free, less than the 12 MB writes need");
            });
            assertEveryBatchStoredOnce(store);
        }
    }

    /**
     * Without the free-space check a commit finds the disk full. The engine then failed every later write of the
     * batch with page conflicts, even once space was freed, reads found edges that were never saved, and the batch
     * committed just before was lost; the store now closes the database, reopens it and writes the recent batches
     * again.
     */
    @Test
    void afterACommitFoundTheDiskFullWritesResumeOnceSpaceIsFreedWithNothingLost() {
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(disk.resolve("graph"), WALFile.FLUSH_TYPE.NO, 0)) {
            writeAllBatches(store);

            assertThat(failures).as("a commit found the disk full").isNotEmpty()
                    .allSatisfy(failure -> assertThat(failure.retriable()).isTrue());
            assertEveryBatchStoredOnce(store);
        }
    }

    private static void assertEveryBatchStoredOnce(GraphStore store) {
        for (int batch = 0; batch < BATCHES; batch++) {
            for (int user : new int[] {0, 499, 999}) {
                assertThat(store.itemsOfUser(userOf(batch, user), 10)).as("user %d of batch %d", user, batch)
                        .extracting(EdgeView::itemId).containsExactly("item-" + user % 50);
            }
        }
    }

    private void writeAllBatches(GraphStore store) {
        for (int batch = 0; batch < BATCHES; batch++) {
            List<UserItemEdge> edges = batch(batch);
            for (int attempt = 1; !written(store, edges); attempt++) {
                boolean freed = !Files.exists(filler);
                assertThat(attempt).as("attempts at batch %d, space %s; last failure: %s", batch,
                        freed ? "freed" : "not freed yet", failures.get(failures.size() - 1).getMessage())
                        .isLessThan(freed ? 3 : 100);
                if (failures.size() == 3) {
                    deleteFiller();
                }
            }
        }
    }

    private boolean written(GraphStore store, List<UserItemEdge> edges) {
        try {
            store.upsertEdges(edges);
            return true;
        } catch (GraphStoreException e) {
            failures.add(e);
            return false;
        }
    }

    /** A thousand new users, each with one edge to one of 50 items. */
    private static List<UserItemEdge> batch(int batch) {
        List<UserItemEdge> edges = new ArrayList<>();
        for (int user = 0; user < 1_000; user++) {
            edges.add(UserItemEdge.newBuilder().setUserId(userOf(batch, user)).setItemId("item-" + user % 50)
                    .setCounts(Map.of("view", 1L)).setWeight(1.0).setFirstSeen(Instant.EPOCH)
                    .setLastSeen(Instant.EPOCH).build());
        }
        return edges;
    }

    private static String userOf(int batch, int user) {
        return "user-" + batch + "-" + user;
    }

    private void deleteFiller() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot free space on the test disk", e);
        }
    }

    private static boolean run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
