package io.streamrec.sink.store;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.ErrorEntity;
import com.arangodb.entity.MultiDocumentEntity;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.DocumentCreateOptions;
import com.arangodb.model.OverwriteMode;
import com.arangodb.model.StreamTransactionOptions;
import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.streamrec.sink.store.ArangoDbSchema.INTERACTIONS;
import static io.streamrec.sink.store.ArangoDbSchema.ITEMS;
import static io.streamrec.sink.store.ArangoDbSchema.USERS;

/**
 * The graph in ArangoDB (see {@link ArangoDbSchema} for the model, {@link ArangoDbKeys} for the key scheme). One batch
 * is one stream transaction: the users and items are upserted by AQL (which widens their activity span; their
 * attributes are read first, merged here and written whole), then the
 * edges go in one {@code insertDocuments} call with {@code overwriteMode=replace}, each replacing its pair's edge by
 * its deterministic key: absolute values, so a replayed batch leaves the same graph. Reads are AQL.
 */
public final class ArangoDbGraphStore implements GraphStore {
    private static final Logger log = LoggerFactory.getLogger(ArangoDbGraphStore.class);

    private final ArangoDB arango;
    private final ArangoDatabase db;
    private volatile boolean open = true;

    private ArangoDbGraphStore(ArangoDB arango, ArangoDatabase db) {
        this.arango = arango;
        this.db = db;
    }

    /**
     * Connects and creates what is missing (database, collections, indexes, graph). Fails fast, with the hosts and the
     * driver's reason in the message, when no host answers or the server refuses the user.
     */
    public static ArangoDbGraphStore open(ArangoDbOptions options) {
        ArangoDB.Builder builder = new ArangoDB.Builder().user(options.user()).password(options.password())
                .useSsl(options.tls()).timeout(options.timeoutMs());
        options.hosts().forEach(host -> builder.host(host.name(), host.port()));
        ArangoDB arango = builder.build();
        try {
            return new ArangoDbGraphStore(arango, ArangoDbSchema.ensure(arango, options.database()));
        } catch (RuntimeException e) {
            arango.shutdown();
            throw new GraphStoreException("cannot use ArangoDB at " + options.hosts() + " (database '"
                    + options.database() + "', user '" + options.user() + "'): " + e.getMessage(), e,
                    ArangoDbErrors.isRetriable(e));
        }
    }

    @Override
    public void upsertEdges(List<UserItemEdge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        Collection<UserItemEdge> latest = EdgeBatches.latestPerPair(edges);
        List<Map<String, Object>> edgeDocuments;
        try {
            edgeDocuments = ArangoDbDocuments.edges(latest);
        } catch (IllegalArgumentException e) {
            throw new GraphStoreException("cannot write the batch: " + e.getMessage(), e, false);
        }
        Map<String, VertexUpdate> users = VertexUpdate.ofUsers(latest);
        Map<String, VertexUpdate> items = VertexUpdate.ofItems(latest);
        String transaction;
        try {
            transaction = db.beginStreamTransaction(new StreamTransactionOptions()
                    .writeCollections(USERS, ITEMS, INTERACTIONS)).getId();
        } catch (RuntimeException e) {
            throw ArangoDbErrors.translate("start of a transaction", e);
        }
        try {
            upsertVertices(USERS, users, transaction);
            upsertVertices(ITEMS, items, transaction);
            MultiDocumentEntity<?> written = db.collection(INTERACTIONS).insertDocuments(edgeDocuments,
                    new DocumentCreateOptions().overwriteMode(OverwriteMode.replace).silent(true)
                            .streamTransactionId(transaction));
            rejectPartialWrite(written.getErrors());
            db.commitStreamTransaction(transaction);
        } catch (RuntimeException e) {
            abortQuietly(transaction);
            if (e instanceof GraphStoreException store) {
                throw store;
            }
            throw ArangoDbErrors.translate("write of " + latest.size() + " edges", e);
        }
    }

    @Override
    public List<EdgeView> itemsOfUser(String userId, int limit) {
        requirePositive(limit);
        try {
            return query(ArangoDbQueries.itemsOfUser(userId, limit)).stream().map(ArangoDbRows::edge).toList();
        } catch (RuntimeException e) {
            throw ArangoDbErrors.translate("read of the items of user " + userId, e);
        }
    }

    @Override
    public List<RelatedItem> alsoInteracted(String itemId, InteractionType type, int limit) {
        requirePositive(limit);
        try {
            return query(ArangoDbQueries.alsoInteracted(itemId, type, limit)).stream().map(ArangoDbRows::related)
                    .toList();
        } catch (RuntimeException e) {
            throw ArangoDbErrors.translate("read of the items related to " + itemId, e);
        }
    }

    @Override
    public Optional<VertexView> vertex(VertexKind kind, String id) {
        try {
            return query(ArangoDbQueries.vertex(kind, id)).stream().findFirst().map(ArangoDbRows::vertex);
        } catch (RuntimeException e) {
            throw ArangoDbErrors.translate("read of " + kind.name().toLowerCase(Locale.ROOT) + " " + id, e);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            arango.shutdown();
        }
    }

    /** Reads the stored attributes the batch merges into (when its edges carry any), then upserts the vertices. */
    private void upsertVertices(String collection, Map<String, VertexUpdate> updates, String transaction) {
        List<String> keys = ArangoDbDocuments.keysWithAttributes(updates);
        Map<String, Map<String, AttributeValue>> stored = keys.isEmpty() ? Map.of()
                : ArangoDbRows.storedAttributes(query(ArangoDbQueries.storedAttributes(collection, keys), transaction));
        run(ArangoDbQueries.upsertVertices(collection, ArangoDbDocuments.vertices(updates, stored)), transaction);
    }

    private void run(AqlQuery query, String transaction) {
        // no RETURN: the cursor is complete and empty, nothing to close on the server
        db.query(query.text(), Void.class, query.bindVars(), new AqlQueryOptions().streamTransactionId(transaction));
    }

    @SuppressWarnings("rawtypes")
    private List<Map> query(AqlQuery query) {
        return db.query(query.text(), Map.class, query.bindVars()).asListRemaining();
    }

    @SuppressWarnings("rawtypes")
    private List<Map> query(AqlQuery query, String transaction) {
        return db.query(query.text(), Map.class, query.bindVars(),
                new AqlQueryOptions().streamTransactionId(transaction)).asListRemaining();
    }

    /** insertDocuments reports failed documents in its answer instead of failing the call: the batch must not commit. */
    private static void rejectPartialWrite(List<ErrorEntity> errors) {
        if (errors == null || errors.isEmpty()) {
            return;
        }
        ErrorEntity first = errors.get(0);
        throw new GraphStoreException("ArangoDB refused " + errors.size() + " edge documents, first: "
                + first.getErrorMessage() + " (error " + first.getErrorNum() + ")", null,
                ArangoDbErrors.isRetriable(first.getCode(), first.getErrorNum()));
    }

    private void abortQuietly(String transaction) {
        try {
            db.abortStreamTransaction(transaction);
        } catch (RuntimeException e) {
            // the server aborts an idle stream transaction after its timeout anyway
            log.atWarn().addKeyValue("transaction", transaction).addKeyValue("error", e.getMessage())
                    .log("could not abort the ArangoDB transaction");
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
