package io.streamrec.sink.store;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.CollectionType;
import com.arangodb.entity.EdgeDefinition;
import com.arangodb.model.CollectionCreateOptions;
import com.arangodb.model.PersistentIndexOptions;

import java.util.List;

/**
 * The graph's database, collections, indexes and named graph, created when missing so that starting against an
 * existing database changes nothing. Model, the same as the ArcadeDB adapter's: document collections {@code users}
 * and {@code items} ({@code id}, {@code firstSeen}, {@code lastSeen}, attributes as in {@link StoredAttributes}), and
 * the edge collection {@code interactions} with one edge per user and item, {@code users/*} → {@code items/*},
 * holding the pair's absolute aggregate.
 */
final class ArangoDbSchema {
    static final String USERS = "users";
    static final String ITEMS = "items";
    static final String INTERACTIONS = "interactions";
    static final String GRAPH = "interaction_graph";

    static final String ID = "id";
    static final String USER_ID = "userId";
    static final String ITEM_ID = "itemId";
    static final String COUNTS = "counts";
    static final String WEIGHT = "weight";
    static final String FIRST_SEEN = "firstSeen";
    static final String LAST_SEEN = "lastSeen";

    private ArangoDbSchema() {
    }

    static ArangoDatabase ensure(ArangoDB arango, String database) {
        ArangoDatabase db = arango.db(database);
        if (!db.exists()) {
            createIgnoringRace(db::create);
        }
        ensureCollection(db, USERS, CollectionType.DOCUMENT);
        ensureCollection(db, ITEMS, CollectionType.DOCUMENT);
        ensureCollection(db, INTERACTIONS, CollectionType.EDGES);
        // ensure* is idempotent on the server: an identical index is found, not duplicated
        PersistentIndexOptions unique = new PersistentIndexOptions().unique(true);
        db.collection(USERS).ensurePersistentIndex(List.of(ID), unique);
        db.collection(ITEMS).ensurePersistentIndex(List.of(ID), unique);
        // the edge's own lookup key, and a second barrier against two edges for one pair
        db.collection(INTERACTIONS).ensurePersistentIndex(List.of(USER_ID, ITEM_ID), unique);
        if (!db.graph(GRAPH).exists()) {
            createIgnoringRace(() -> db.createGraph(GRAPH, List.of(
                    new EdgeDefinition().collection(INTERACTIONS).from(USERS).to(ITEMS))));
        }
        return db;
    }

    private static void ensureCollection(ArangoDatabase db, String name, CollectionType type) {
        ArangoCollection collection = db.collection(name);
        if (!collection.exists()) {
            createIgnoringRace(() -> db.createCollection(name, new CollectionCreateOptions().type(type)));
        }
    }

    /** Another sink instance starting at the same time may create it first (HTTP 409): that is the goal reached. */
    private static void createIgnoringRace(Runnable create) {
        try {
            create.run();
        } catch (com.arangodb.ArangoDBException e) {
            if (!Integer.valueOf(409).equals(e.getResponseCode())) {
                throw e;
            }
        }
    }
}
