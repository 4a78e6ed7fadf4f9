package io.streamrec.sink.store;

import com.arcadedb.GlobalConfiguration;
import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.arcadedb.engine.PageManager;
import com.arcadedb.engine.WALFile;
import com.arcadedb.graph.Edge;
import com.arcadedb.graph.Vertex;
import com.arcadedb.index.IndexCursor;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

import static io.streamrec.sink.store.ArcadeDbSchema.COUNTS;
import static io.streamrec.sink.store.ArcadeDbSchema.FIRST_SEEN;
import static io.streamrec.sink.store.ArcadeDbSchema.ID;
import static io.streamrec.sink.store.ArcadeDbSchema.INTERACTED;
import static io.streamrec.sink.store.ArcadeDbSchema.ITEM;
import static io.streamrec.sink.store.ArcadeDbSchema.ITEM_ID;
import static io.streamrec.sink.store.ArcadeDbSchema.LAST_SEEN;
import static io.streamrec.sink.store.ArcadeDbSchema.USER;
import static io.streamrec.sink.store.ArcadeDbSchema.USER_ID;
import static io.streamrec.sink.store.ArcadeDbSchema.WEIGHT;

/**
 * The graph in an embedded ArcadeDB. Model: vertex types {@code User} and {@code Item} (unique {@code id}, activity
 * bounds {@code firstSeen}/{@code lastSeen}, attributes as in {@link StoredAttributes}), and one {@code Interacted}
 * edge per user and item, User → Item, holding the pair's absolute aggregate: {@code counts} (map of interaction
 * type to count), {@code weight}, {@code firstSeen}, {@code lastSeen}, plus {@code userId}/{@code itemId} for reads;
 * the store keeps it to one edge per pair (see {@link ArcadeDbSchema}). One edge per pair (rather than one per event or per type) mirrors the
 * compacted topic: each record replaces its pair's edge, which makes writes idempotent, and traversals count each user
 * once per item. One batch is one transaction.
 */
public final class ArcadeDbGraphStore implements GraphStore {
    private static final Comparator<EdgeView> MOST_RECENT_FIRST =
            Comparator.comparing(EdgeView::lastSeen).reversed().thenComparing(EdgeView::itemId);
    private static final Comparator<RelatedItem> MOST_SHARED_FIRST =
            Comparator.comparingLong(RelatedItem::users).reversed().thenComparing(RelatedItem::itemId);

    /** The default of {@code streamrec.sink.arcadedb-min-free-mb}. */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;
    private static final int RECENT_BATCHES = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ArcadeDbGraphStore.class);

    static {
        ArcadeDbLogging.install();
    }

    /** Replaced only by the writer thread, when it reopens a database that was closed under the store. */
    private volatile Database db;
    /** Null for a database the caller handed in: the store neither closes nor reopens that one. */
    private final DatabaseFactory factory;
    private final Path path;
    private final DiskSpace diskSpace;
    private volatile boolean closed;
    /** The last batches committed, oldest first; writer thread only. */
    private final Deque<List<UserItemEdge>> recentlyCommitted = new ArrayDeque<>();
    /** Whether the next write must also write {@link #recentlyCommitted} again (see discardAfterIoFailure). */
    private boolean rewriteRecent;
    /** Writer thread only; replaced with the database it belongs to. */
    private KnownVertices knownVertices;

    /** Uses a database the caller opened and will close; creates the graph types if they are missing. */
    public ArcadeDbGraphStore(Database db) {
        this(db, null, Path.of(db.getDatabasePath()), DiskSpace.of(Path.of(db.getDatabasePath()), 0));
    }

    private ArcadeDbGraphStore(Database db, DatabaseFactory factory, Path path, DiskSpace diskSpace) {
        this.db = db;
        this.factory = factory;
        this.path = path;
        this.diskSpace = diskSpace;
        this.knownVertices = new KnownVertices(db);
        try {
            ArcadeDbSchema.ensure(db);
        } catch (RuntimeException e) {
            throw ArcadeDbErrors.translate("schema creation", e);
        }
    }

    /**
     * Opens the database at {@code path}, creating it if it does not exist; the store closes it on {@link #close()}.
     * {@code walFlush} is how far each commit is forced to disk: {@code NO} survives a killed process but not a power
     * loss; {@code YES_NOMETADATA} and {@code YES_FULL} also survive a power loss, at a cost per commit.
     */
    public static ArcadeDbGraphStore open(Path path, WALFile.FLUSH_TYPE walFlush) {
        return open(path, walFlush, DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * As {@link #open(Path, WALFile.FLUSH_TYPE)}; writes fail as retriable while the database's disk has less than
     * {@code minFreeBytes} free.
     */
    public static ArcadeDbGraphStore open(Path path, WALFile.FLUSH_TYPE walFlush, long minFreeBytes) {
        DatabaseFactory factory = new DatabaseFactory(path.toString());
        factory.getContextConfiguration().setValue(GlobalConfiguration.TX_WAL_FLUSH, walFlushLevel(walFlush));
        // The sink appends records (edges, vertices, adjacency segments) and seldom frees space. By default every new
        // record first searches the pages with free space left for one it fits in, which took 8% of the writer; "low"
        // puts it on the bucket's last page. The space of the few records that move when they grow is not reused:
        // the 1M-edge benchmark graph stayed the same size on disk.
        factory.getContextConfiguration().setValue(GlobalConfiguration.BUCKET_REUSE_SPACE_MODE, "low");
        Database db;
        try {
            db = factory.exists() ? factory.open() : factory.create();
        } catch (RuntimeException e) {
            // the top-level message is generic ("Error on creating new database instance"); the cause says why
            throw new GraphStoreException("cannot open ArcadeDB at " + path + ": " + rootMessage(e), e, false);
        }
        try {
            return new ArcadeDbGraphStore(db, factory, path, DiskSpace.of(path, minFreeBytes));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public void upsertEdges(List<UserItemEdge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        diskSpace.requireFree();
        Database current = writable();
        Lock writeLock = DatabaseWriteLocks.of(current);
        writeLock.lock();
        Collection<UserItemEdge> latest = EdgeBatches.latestPerPair(withUnflushed(edges));
        try {
            // a fresh write per attempt: the engine may run the block again after a conflict; only the attempt that
            // committed may tell the vertex cache about its vertices
            AtomicReference<ArcadeDbBatchWrite> attempt = new AtomicReference<>();
            current.transaction(() -> {
                attempt.set(new ArcadeDbBatchWrite(current, knownVertices));
                attempt.get().write(latest);
            });
            attempt.get().committed();
            remember(edges);
        } catch (RuntimeException e) {
            if (canReopen() && current.isOpen() && ArcadeDbErrors.isIoFailure(e)) {
                discardAfterIoFailure(current);
            }
            // closed during the transaction, the engine fails with whatever the closing broke; the next try reopens
            boolean closedUnderUs = canReopen() && !current.isOpen();
            throw ArcadeDbErrors.translate("write of " + latest.size() + " edges", e, closedUnderUs);
        } finally {
            writeLock.unlock();
        }
    }

    /** The batch, after the recently committed ones when a failed commit may have lost them. */
    private List<UserItemEdge> withUnflushed(List<UserItemEdge> edges) {
        if (!rewriteRecent || recentlyCommitted.isEmpty()) {
            return edges;
        }
        List<UserItemEdge> all = new ArrayList<>();
        recentlyCommitted.forEach(all::addAll);
        all.addAll(edges);
        return all;
    }

    private void remember(List<UserItemEdge> edges) {
        rewriteRecent = false;
        recentlyCommitted.addLast(edges);
        if (recentlyCommitted.size() > RECENT_BATCHES) {
            recentlyCommitted.removeFirst();
        }
    }

    /**
     * The open database; one this store opened and someone closed (an operator, a maintenance tool in this JVM) is
     * opened again. While that fails, because the directory is in use or locked by another process, the failure is
     * retriable: the sink pauses and retries with backoff until the database is free.
     */
    private Database writable() {
        Database current = db;
        if (current.isOpen()) {
            return current;
        }
        if (!canReopen()) {
            throw new GraphStoreException("ArcadeDB at " + path + " is closed", null, false);
        }
        try {
            Database reopened = factory.open();
            ArcadeDbSchema.ensure(reopened);
            knownVertices = new KnownVertices(reopened);
            db = reopened;
            return reopened;
        } catch (RuntimeException e) {
            throw new GraphStoreException("cannot reopen ArcadeDB at " + path + ": " + rootMessage(e), e, true);
        }
    }

    /**
     * A commit that failed writing its log (a full disk) leaves the engine's pages in memory ahead of the disk: the
     * same writes then fail with page conflicts on every retry, even once space is freed, and reads find edges whose
     * records were never saved (seen on a full tmpfs, {@code ArcadeDbFullDiskIT}). Closing drops that instance; the
     * next attempt reopens the database from disk. What the engine could not flush is lost with it, and that was the
     * batch committed just before (seen too), so the next attempt writes the last {@value #RECENT_BATCHES} committed
     * batches again along with its own: the sink has committed their offsets, and writes are idempotent.
     * {@link DiskSpace} keeps writes from getting that far in the first place.
     */
    private void discardAfterIoFailure(Database current) {
        rewriteRecent = true;
        try {
            current.close();
        } catch (RuntimeException closeFailure) {
            LOG.atWarn().addKeyValue("path", path).addKeyValue("error", closeFailure.getMessage())
                    .log("closing ArcadeDB after a failed commit failed; the next write reopens it");
        }
    }

    private boolean canReopen() {
        return factory != null && !closed;
    }

    @Override
    public List<EdgeView> itemsOfUser(String userId, int limit) {
        requirePositive(limit);
        try {
            Vertex user = vertex(USER, userId);
            if (user == null) {
                return List.of();
            }
            List<EdgeView> views = new ArrayList<>();
            for (Edge edge : user.getEdges(Vertex.DIRECTION.OUT, INTERACTED)) {
                views.add(view(edge));
            }
            return views.stream().sorted(MOST_RECENT_FIRST).limit(limit).toList();
        } catch (RuntimeException e) {
            throw ArcadeDbErrors.translate("read of the items of user " + userId, e);
        }
    }

    @Override
    public List<RelatedItem> alsoInteracted(String itemId, InteractionType type, int limit) {
        requirePositive(limit);
        try {
            Vertex item = vertex(ITEM, itemId);
            if (item == null) {
                return List.of();
            }
            Map<String, Long> sharedUsers = new HashMap<>();
            for (Edge toItem : item.getEdges(Vertex.DIRECTION.IN, INTERACTED)) {
                if (!follows(toItem, type)) {
                    continue;
                }
                for (Edge fromUser : toItem.getOutVertex().getEdges(Vertex.DIRECTION.OUT, INTERACTED)) {
                    String other = fromUser.getString(ITEM_ID);
                    if (!other.equals(itemId) && follows(fromUser, type)) {
                        sharedUsers.merge(other, 1L, Long::sum);
                    }
                }
            }
            return sharedUsers.entrySet().stream()
                    .map(e -> new RelatedItem(e.getKey(), e.getValue()))
                    .sorted(MOST_SHARED_FIRST).limit(limit).toList();
        } catch (RuntimeException e) {
            throw ArcadeDbErrors.translate("read of the items related to " + itemId, e);
        }
    }

    @Override
    public Optional<VertexView> vertex(VertexKind kind, String id) {
        try {
            Vertex vertex = vertex(kind == VertexKind.USER ? USER : ITEM, id);
            return Optional.ofNullable(vertex).map(found -> StoredAttributes.view(id, found.getLong(FIRST_SEEN),
                    found.getLong(LAST_SEEN), found.get(StoredAttributes.VALUES), found.get(StoredAttributes.TIMES)));
        } catch (RuntimeException e) {
            throw ArcadeDbErrors.translate("read of " + kind.name().toLowerCase(Locale.ROOT) + " " + id, e);
        }
    }

    @Override
    public boolean isOpen() {
        return db.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        Database current = db;
        if (factory != null && current.isOpen()) {
            // close() waits for the shared flush thread, but not for a batch it has just taken off its queue; a reopen
            // in this JVM right after could then read the pages while that batch is still being written
            PageManager.INSTANCE.waitAllPagesOfDatabaseAreFlushed(current);
            current.close();
        }
    }

    private Vertex vertex(String type, String id) {
        IndexCursor found = db.lookupByKey(type, ID, id);
        return found.hasNext() ? found.next().asVertex() : null;
    }

    private static boolean follows(Edge edge, InteractionType type) {
        return type == null || counts(edge).getOrDefault(type.name(), 0L) > 0;
    }

    private static EdgeView view(Edge edge) {
        return new EdgeView(edge.getString(USER_ID), edge.getString(ITEM_ID), counts(edge),
                edge.getDouble(WEIGHT), Instant.ofEpochMilli(edge.getLong(FIRST_SEEN)),
                Instant.ofEpochMilli(edge.getLong(LAST_SEEN)));
    }

    private static Map<String, Long> counts(Edge edge) {
        Map<String, Object> stored = edge.getMap(COUNTS);
        Map<String, Long> counts = new HashMap<>();
        if (stored != null) {
            stored.forEach((type, count) -> counts.put(type, ((Number) count).longValue()));
        }
        return counts;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static int walFlushLevel(WALFile.FLUSH_TYPE walFlush) {
        // the values of arcadedb.txWalFlush
        return switch (walFlush) {
            case NO -> 0;
            case YES_NOMETADATA -> 1;
            case YES_FULL -> 2;
        };
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
