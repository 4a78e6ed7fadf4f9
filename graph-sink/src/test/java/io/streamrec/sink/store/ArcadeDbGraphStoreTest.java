package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.WALFile;
import com.arcadedb.exception.DuplicatedKeyException;
import com.arcadedb.graph.Vertex;
import com.arcadedb.index.TypeIndex;
import com.arcadedb.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void theEngineRefusesASecondEdgeForAPairEvenWithoutALookup() {
        store.upsertEdges(List.of(edge("u1", "i1", "view")));
        Vertex user = vertexOf(ArcadeDbSchema.USER, "u1");
        Vertex item = vertexOf(ArcadeDbSchema.ITEM, "i1");

        assertThatThrownBy(() -> db.transaction(() -> user.newEdge(ArcadeDbSchema.INTERACTED, item, true)))
                .isInstanceOf(DuplicatedKeyException.class);
        assertThat(db.countType(ArcadeDbSchema.INTERACTED, false)).isEqualTo(1);
    }

    @Test
    void aDatabaseKeyedByTheLegacyIdPairIndexIsMigratedToTheEndPointKey() {
        store.upsertEdges(List.of(edge("u1", "i1", "view")));
        Schema schema = db.getSchema();
        schema.dropIndex(edgeKeyIndexes().get(0).getName());
        schema.createTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, ArcadeDbSchema.INTERACTED,
                ArcadeDbSchema.USER_ID, ArcadeDbSchema.ITEM_ID);

        ArcadeDbGraphStore migrated = new ArcadeDbGraphStore(db);
        migrated.upsertEdges(List.of(edge("u1", "i1", "click")));

        assertThat(edgeKeyIndexes()).singleElement().satisfies(index -> {
            assertThat(index.getPropertyNames()).containsExactly("@out", "@in");
            assertThat(index.isUnique()).isTrue();
        });
        assertThat(db.countType(ArcadeDbSchema.INTERACTED, false)).isEqualTo(1);
        assertThat(migrated.itemsOfUser("u1", 10)).extracting(EdgeView::counts).containsExactly(Map.of("click", 1L));
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
            Database underTheStore = DatabaseFactory.getActiveDatabaseInstances().stream()
                    .filter(active -> Path.of(active.getDatabasePath()).toAbsolutePath().equals(path.toAbsolutePath()))
                    .findFirst().orElseThrow();
            underTheStore.close();

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

    private List<TypeIndex> edgeKeyIndexes() {
        return List.copyOf(db.getSchema().getType(ArcadeDbSchema.INTERACTED).getAllIndexes(false));
    }

    private static Path freshPath() {
        return ROOT.resolve(UUID.randomUUID().toString());
    }
}
