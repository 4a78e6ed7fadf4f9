package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.index.TypeIndex;
import com.arcadedb.schema.DocumentType;
import com.arcadedb.schema.Schema;
import com.arcadedb.schema.Type;

import java.util.List;

/**
 * The graph's types, created if missing so that opening an existing database is a no-op. Times are epoch
 * milliseconds (LONG), as in the Avro records: exact and free of time-zone conversions. Vertex attributes are two
 * MAP properties (see {@link StoredAttributes}).
 */
final class ArcadeDbSchema {
    static final String USER = "User";
    static final String ITEM = "Item";
    static final String INTERACTED = "Interacted";

    static final String ID = "id";
    static final String USER_ID = "userId";
    static final String ITEM_ID = "itemId";
    static final String COUNTS = "counts";
    static final String WEIGHT = "weight";
    static final String FIRST_SEEN = "firstSeen";
    static final String LAST_SEEN = "lastSeen";

    /**
     * Unique edge indexes of earlier versions: on the edge's end points ({@code @out}, {@code @in}) and, before that,
     * on its ids ({@code userId}, {@code itemId}). Dropped on open: see {@link #dropRetiredEdgeKeys}.
     */
    private static final List<List<String>> RETIRED_EDGE_KEYS = List.of(List.of("@out", "@in"),
            List.of(USER_ID, ITEM_ID));

    private ArcadeDbSchema() {
    }

    static void ensure(Database db) {
        Schema schema = db.getSchema();
        for (String vertex : new String[]{USER, ITEM}) {
            DocumentType type = schema.getOrCreateVertexType(vertex);
            type.getOrCreateProperty(ID, Type.STRING);
            type.getOrCreateProperty(FIRST_SEEN, Type.LONG);
            type.getOrCreateProperty(LAST_SEEN, Type.LONG);
            type.getOrCreateProperty(StoredAttributes.VALUES, Type.MAP);
            type.getOrCreateProperty(StoredAttributes.TIMES, Type.MAP);
            schema.getOrCreateTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, vertex, ID);
        }
        DocumentType edge = schema.getOrCreateEdgeType(INTERACTED);
        edge.getOrCreateProperty(USER_ID, Type.STRING);
        edge.getOrCreateProperty(ITEM_ID, Type.STRING);
        // a map keeps new interaction types schema-free: the Avro counts map is stored as it is
        edge.getOrCreateProperty(COUNTS, Type.MAP);
        edge.getOrCreateProperty(WEIGHT, Type.DOUBLE);
        edge.getOrCreateProperty(FIRST_SEEN, Type.LONG);
        edge.getOrCreateProperty(LAST_SEEN, Type.LONG);
        dropRetiredEdgeKeys(schema, edge);
    }

    /**
     * One edge per pair needs no index: the store looks every pair up in its user's adjacency list inside the
     * transaction that writes it ({@link ExistingEdges}), and writes one transaction at a time per database
     * ({@link DatabaseWriteLocks}); an edge is created without a lookup only when its transaction created the user or
     * item. A unique edge index guarded the same pairs at a quarter of the writer's CPU (its upkeep and its check of
     * every new edge at commit, which grows with the graph), so a database that has one loses it on open.
     */
    private static void dropRetiredEdgeKeys(Schema schema, DocumentType edge) {
        for (TypeIndex index : List.copyOf(edge.getAllIndexes(false))) {
            if (RETIRED_EDGE_KEYS.contains(index.getPropertyNames())) {
                schema.dropIndex(index.getName());
            }
        }
    }
}
