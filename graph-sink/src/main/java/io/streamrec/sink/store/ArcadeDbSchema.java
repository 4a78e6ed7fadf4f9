package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.index.TypeIndex;
import com.arcadedb.schema.DocumentType;
import com.arcadedb.schema.Schema;
import com.arcadedb.schema.Type;

import java.util.List;

/**
 * The graph's types, created if missing so that opening an existing database is a no-op. Times are epoch
 * milliseconds (LONG), as in the Avro records: exact and free of time-zone conversions.
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
     * The edge key: the edge's own end points (record ids of its user and item). Record ids compare far faster than
     * the string ids: the index compares keys on every insert and lookup and, being unique, checks every new edge
     * again at commit.
     */
    static final String[] EDGE_KEY = {"@out", "@in"};
    /** The edge key of databases written before the key was the end points; dropped once the new key exists. */
    private static final List<String> LEGACY_EDGE_KEY = List.of(USER_ID, ITEM_ID);

    private ArcadeDbSchema() {
    }

    static void ensure(Database db) {
        Schema schema = db.getSchema();
        for (String vertex : new String[]{USER, ITEM}) {
            DocumentType type = schema.getOrCreateVertexType(vertex);
            type.getOrCreateProperty(ID, Type.STRING);
            type.getOrCreateProperty(FIRST_SEEN, Type.LONG);
            type.getOrCreateProperty(LAST_SEEN, Type.LONG);
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
        // unique: a second edge for the same pair is refused by the engine even if a writer skipped the lookup; the
        // vertex ids are unique too, so this is one edge per user id and item id
        schema.getOrCreateTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, INTERACTED, EDGE_KEY);
        dropLegacyEdgeKey(schema, edge);
    }

    /**
     * The legacy unique index guarded the same pairs (an edge's userId and itemId are the ids of its end points), so
     * the new key could be built over its edges; keeping it would only cost every write its upkeep.
     */
    private static void dropLegacyEdgeKey(Schema schema, DocumentType edge) {
        for (TypeIndex index : List.copyOf(edge.getAllIndexes(false))) {
            if (index.getPropertyNames().equals(LEGACY_EDGE_KEY)) {
                schema.dropIndex(index.getName());
            }
        }
    }
}
