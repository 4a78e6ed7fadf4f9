package io.streamrec.sink.store;

import com.arcadedb.database.Database;
import com.arcadedb.database.RID;
import com.arcadedb.database.Record;
import com.arcadedb.exception.RecordNotFoundException;
import com.arcadedb.graph.Vertex;
import com.arcadedb.index.IndexCursor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.streamrec.sink.store.ArcadeDbSchema.ID;

/**
 * Record ids of committed vertices, by type and id, so that a batch loads the vertices it touches by record id instead
 * of searching the id index: that search compares string keys page by page and took about an eighth of the writer's
 * time. Only committed vertices are remembered (a rolled-back transaction may hand its record ids to other records),
 * and a remembered id is checked against the record it loads, so a vertex removed by another tool only costs a fall
 * back to the index. Each type keeps its {@value #CAPACITY_PER_TYPE} most recently used ids. A record id belongs to the
 * database instance that made it (it reaches the pages through it), so a reopened database needs new known vertices.
 * Writer thread only.
 */
final class KnownVertices {
    static final int CAPACITY_PER_TYPE = 500_000;

    private final Database db;
    private final Map<String, Map<String, RID>> byType = new HashMap<>();

    KnownVertices(Database db) {
        this.db = db;
    }

    /** The committed vertex of {@code type} with {@code id}, or null when there is none. */
    Vertex find(String type, String id) {
        Map<String, RID> known = ids(type);
        RID rid = known.get(id);
        if (rid != null) {
            Vertex vertex = load(rid, type, id);
            if (vertex != null) {
                return vertex;
            }
            known.remove(id);
        }
        IndexCursor found = db.lookupByKey(type, ID, id);
        return found.hasNext() ? found.next().asVertex() : null;
    }

    /** Called once the transaction that wrote or read these vertices has committed. */
    void remember(String type, Map<String, Vertex> vertices) {
        Map<String, RID> known = ids(type);
        vertices.forEach((id, vertex) -> known.put(id, vertex.getIdentity()));
    }

    private Vertex load(RID rid, String type, String id) {
        try {
            Record record = db.lookupByRID(rid, true);
            return record instanceof Vertex vertex && vertex.getTypeName().equals(type)
                    && id.equals(vertex.getString(ID)) ? vertex : null;
        } catch (RecordNotFoundException e) {
            return null;
        }
    }

    private Map<String, RID> ids(String type) {
        return byType.computeIfAbsent(type, t -> new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RID> eldest) {
                return size() > CAPACITY_PER_TYPE;
            }
        });
    }
}
