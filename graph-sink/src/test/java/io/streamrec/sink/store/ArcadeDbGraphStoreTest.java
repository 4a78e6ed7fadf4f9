package io.streamrec.sink.store;

import com.arcadedb.GlobalConfiguration;
import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.WALFile;
import com.arcadedb.graph.Vertex;
import com.arcadedb.schema.Schema;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The contract on a real embedded ArcadeDB under target/, plus what only this adapter promises. */
class ArcadeDbGraphStoreTest extends GraphStoreContract {
    private static final Path ROOT = Path.of("target", "arcadedb-tests");

    private Database db;
    private ArcadeDbGraphStore store;

    @BeforeEach
    void openFreshDatabase() {
        db = new DatabaseFactory(freshPath().toString()).create();
        store = new ArcadeDbGraphStore(db);
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        if (db.isOpen()) {
            db.drop();
        }
    }

    @Override
    protected GraphStore store() {
        return store;
    }

    @Test
    void oneEngineEdgePerPairHoweverOftenItIsWritten() {
        store.upsertEdges(List.of(edge("u1", "i1", "view"), edge("u1", "i2", "view")));
        store.upsertEdges(List.of(edge("u1", "i1", "click"), edge("u1", "i1", "purchase")));

        assertThat(db.countType(ArcadeDbSchema.INTERACTED, false)).isEqualTo(2);
        assertThat(db.countType(ArcadeDbSchema.USER, false)).isEqualTo(1);
        assertThat(db.countType(ArcadeDbSchema.ITEM, false)).isEqualTo(2);
    }

    @Test
    void twoStoresWritingTheSamePairsAtOnceLeaveOneEdgePerPair() throws Exception {
        List<UserItemEdge> pairs = new ArrayList<>();
        for (int user = 0; user < 40; user++) {
            for (int item = 0; item < 50; item++) {
                pairs.add(edge("u" + user, "i" + item, Map.of("view", 1L), 1.0, 0, 1));
            }
        }
        // the vertices exist, the edges do not: each writer has to look every pair up before creating it
        store.upsertEdges(pairs);
        db.transaction(() -> db.command("sql", "DELETE FROM " + ArcadeDbSchema.INTERACTED).close());

        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                ArcadeDbGraphStore own = new ArcadeDbGraphStore(db);
                List<UserItemEdge> order = new ArrayList<>(pairs);
                Collections.shuffle(order, new Random(writer));
                running.add(writers.submit(() -> writeTenAtATime(own, order, together)));
            }
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(db.countType(ArcadeDbSchema.INTERACTED, false)).isEqualTo(pairs.size());
        for (int user = 0; user < 40; user++) {
            assertThat(store.itemsOfUser("u" + user, 100)).extracting(EdgeView::itemId).hasSize(50)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aSecondStoreOnTheSameDatabaseWaitsForTheWriteInProgress() throws Exception {
        ArcadeDbGraphStore second = new ArcadeDbGraphStore(db);
        ReentrantLock writeInProgress = (ReentrantLock) DatabaseWriteLocks.of(db);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting;
            writeInProgress.lock();
            try {
                waiting = writer.submit(() -> second.upsertEdges(List.of(edge("u1", "i1", "view"))));
                Poll.until(Duration.ofSeconds(10), writeInProgress::hasQueuedThreads, queued -> queued);

                assertThat(waiting).isNotDone();
                assertThat(db.countType(ArcadeDbSchema.INTERACTED, false)).isZero();
            } finally {
                writeInProgress.unlock();
            }
            waiting.get(10, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }

        assertThat(store.itemsOfUser("u1", 10)).extracting(EdgeView::itemId).containsExactly("i1");
    }

    /** Each batch of ten is started together with the other writer's. */
    private static Void writeTenAtATime(GraphStore writer, List<UserItemEdge> edges, CyclicBarrier together)
            throws Exception {
        for (int from = 0; from < edges.size(); from += 10) {
            together.await(30, TimeUnit.SECONDS);
            writer.upsertEdges(edges.subList(from, from + 10));
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"@out,@in", "userId,itemId"})
    void aDatabaseWithAUniqueEdgeIndexOfAnEarlierVersionOpensWithoutIt(String retiredKey) {
        Path path = freshPath();
        Database earlier = new DatabaseFactory(path.toString()).create();
        new ArcadeDbGraphStore(earlier).upsertEdges(List.of(edge("u1", "i1", "view"), edge("u1", "i2", "view")));
        earlier.getSchema().createTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, ArcadeDbSchema.INTERACTED,
                retiredKey.split(","));
        earlier.close();

        try (ArcadeDbGraphStore migrated = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            migrated.upsertEdges(List.of(edge("u1", "i1", "click"), edge("u1", "i3", "view")));

            assertThat(migrated.itemsOfUser("u1", 10)).extracting(EdgeView::itemId, EdgeView::counts)
                    .containsExactlyInAnyOrder(tuple("i1", Map.of("click", 1L)), tuple("i2", Map.of("view", 1L)),
                            tuple("i3", Map.of("view", 1L)));
            assertThat(activeDatabase(path).getSchema().getType(ArcadeDbSchema.INTERACTED).getAllIndexes(false))
                    .isEmpty();
        }
    }

    @Test
    void anOpenedDatabaseAppendsRecordsWithoutSearchingForFreeSpace() {
        Path path = freshPath();
        try (ArcadeDbGraphStore opened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            assertThat(activeDatabase(path).getConfiguration()
                    .getValueAsString(GlobalConfiguration.BUCKET_REUSE_SPACE_MODE)).isEqualTo("low");
        }
    }

    @Test
    void aVertexRemovedBehindTheStoresBackIsCreatedAgain() {
        store.upsertEdges(List.of(edge("u1", "i1", "view")));
        db.transaction(() -> vertexOf(ArcadeDbSchema.USER, "u1").delete());

        store.upsertEdges(List.of(edge("u1", "i2", "view")));

        assertThat(store.itemsOfUser("u1", 10)).extracting(EdgeView::itemId).containsExactly("i2");
        assertThat(db.countType(ArcadeDbSchema.USER, false)).isEqualTo(1);
    }

    @Test
    void aDatabaseClosedUnderTheStoreIsReopenedAndItsKnownVerticesStillWritable() {
        Path path = freshPath();
        try (ArcadeDbGraphStore opened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            opened.upsertEdges(List.of(edge("u1", "i1", "view")));
            activeDatabase(path).close();

            // later activity: both known vertices are widened, so written through their remembered record ids
            opened.upsertEdges(List.of(edge("u1", "i1", Map.of("click", 1L), 1.0, 0, 5),
                    edge("u1", "i2", Map.of("view", 1L), 1.0, 0, 5)));

            assertThat(opened.itemsOfUser("u1", 10)).extracting(EdgeView::itemId, EdgeView::counts)
                    .containsExactlyInAnyOrder(tuple("i1", Map.of("click", 1L)), tuple("i2", Map.of("view", 1L)));
        }
    }

    @Test
    void vertexActivityBoundsWidenToCoverTheirEdges() {
        store.upsertEdges(List.of(edge("u1", "i1", Map.of("view", 1L), 1.0, 10, 20)));
        store.upsertEdges(List.of(edge("u1", "i2", Map.of("view", 1L), 1.0, 5, 15),
                edge("u2", "i1", Map.of("view", 1L), 1.0, 12, 40)));

        Vertex user = db.lookupByKey(ArcadeDbSchema.USER, ArcadeDbSchema.ID, "u1").next().asVertex();
        assertThat(user.getLong(ArcadeDbSchema.FIRST_SEEN)).isEqualTo(T0.plusSeconds(5 * 60).toEpochMilli());
        assertThat(user.getLong(ArcadeDbSchema.LAST_SEEN)).isEqualTo(T0.plusSeconds(20 * 60).toEpochMilli());
        Vertex item = db.lookupByKey(ArcadeDbSchema.ITEM, ArcadeDbSchema.ID, "i1").next().asVertex();
        assertThat(item.getLong(ArcadeDbSchema.FIRST_SEEN)).isEqualTo(T0.plusSeconds(10 * 60).toEpochMilli());
        assertThat(item.getLong(ArcadeDbSchema.LAST_SEEN)).isEqualTo(T0.plusSeconds(40 * 60).toEpochMilli());
    }

    @Test
    void closingAStoreLeavesAHandedInDatabaseOpen() {
        store.close();

        assertThat(db.isOpen()).isTrue();
    }

    @Test
    void openCreatesThenReopensWithTheDataAndSchemaIntact() {
        Path path = freshPath().resolve("nested");
        try (ArcadeDbGraphStore created = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.YES_NOMETADATA)) {
            created.upsertEdges(List.of(edge("u1", "i1", "purchase")));
        }
        ArcadeDbGraphStore reopened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO);
        try {
            assertThat(reopened.itemsOfUser("u1", 10)).extracting(EdgeView::itemId).containsExactly("i1");
            reopened.upsertEdges(List.of(edge("u1", "i1", "view")));
            assertThat(reopened.itemsOfUser("u1", 10)).extracting(EdgeView::counts).containsExactly(Map.of("view", 1L));
        } finally {
            reopened.close();
        }
        assertThat(reopened.isOpen()).isFalse();
    }

    private Vertex vertexOf(String type, String id) {
        return db.lookupByKey(type, ArcadeDbSchema.ID, id).next().asVertex();
    }

    /** The instance a store opened itself at {@code path}. */
    private static Database activeDatabase(Path path) {
        return DatabaseFactory.getActiveDatabaseInstances().stream()
                .filter(active -> Path.of(active.getDatabasePath()).toAbsolutePath().equals(path.toAbsolutePath()))
                .findFirst().orElseThrow();
    }

    private static Path freshPath() {
        return ROOT.resolve(UUID.randomUUID().toString());
    }
}
