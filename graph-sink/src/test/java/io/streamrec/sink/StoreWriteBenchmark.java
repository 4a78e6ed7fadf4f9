package io.streamrec.sink;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.WALFile;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.testkit.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store alone: the {@link SinkBenchmark}'s Zipf edges written through {@link ArcadeDbGraphStore#upsertEdges} in
 * sink-sized batches, without the broker. Reports the writing thread's CPU per edge, which on this shared 2-core
 * machine says far more than wall time, per slice of the graph's growth. Not part of verify; run with
 * {@code mvn -B -o verify -pl graph-sink -Dit.test=StoreWriteBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (sizes: -Dbench.edges, -Dbench.users, -Dbench.items, -Dbench.batch).
 * Writes target/benchmarks/store-write.md.
 */
class StoreWriteBenchmark {
    private static final int EDGES = Integer.getInteger("bench.edges", 1_000_000);
    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int ITEMS = Integer.getInteger("bench.items", 20_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 20_000);
    private static final int SLICES = 5;
    private static final Path ROOT = Path.of("target", "benchmark-db");

    /** A database of a million edges: a gigabyte that should not outlive the run. */
    @AfterEach
    void deleteDatabase() {
        TestDirectories.deleteRecursively(ROOT);
    }

    @Test
    void writerCpuPerEdge() throws IOException {
        ZipfEdges source = new ZipfEdges(USERS, ITEMS);
        List<UserItemEdge> edges = new ArrayList<>(EDGES);
        Set<List<String>> pairs = new HashSet<>();
        for (int n = 0; n < EDGES; n++) {
            UserItemEdge edge = source.next();
            edges.add(edge);
            pairs.add(List.of(edge.getUserId(), edge.getItemId()));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path path = ROOT.resolve(UUID.randomUUID().toString());
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                store alone, %d edges (%d distinct pairs), batch %d, load average %.1f at the start

                | edges written | writer CPU µs per edge | wall µs per edge |
                |---|---|---|
                """, EDGES, pairs.size(), BATCH, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        long totalCpu = 0;
        long totalWall = 0;
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            int sliceSize = EDGES / SLICES;
            for (int slice = 0; slice < SLICES; slice++) {
                long cpuBegin = threads.getCurrentThreadCpuTime();
                long wallBegin = System.nanoTime();
                for (int from = slice * sliceSize; from < (slice + 1) * sliceSize; from += BATCH) {
                    store.upsertEdges(edges.subList(from, Math.min(from + BATCH, (slice + 1) * sliceSize)));
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpuBegin;
                long wall = System.nanoTime() - wallBegin;
                totalCpu += cpu;
                totalWall += wall;
                report.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f |%n", (slice + 1) * sliceSize,
                        cpu / 1e3 / sliceSize, wall / 1e3 / sliceSize));
            }
        }
        report.append(String.format(Locale.ROOT,
                "| all | %.1f (%.0f edges per writer CPU second) | %.1f (%.0f edges/s) |%n", totalCpu / 1e3 / EDGES,
                EDGES / (totalCpu / 1e9), totalWall / 1e3 / EDGES, EDGES / (totalWall / 1e9)));
        System.out.println(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "store-write.md"), report);
        try (Database db = new DatabaseFactory(path.toString()).open()) {
            assertThat(db.countType("Interacted", false)).isEqualTo(pairs.size());
        }
    }
}
