package io.streamrec.processor;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * The item side's pair counts: rows in memory ({@link PairRows}) in front of a logged key-value store laid out as
 * {@link PairChunks} says, written back once per commit. A replay counts millions of increments, and one store put
 * (a RocksDB write and a changelog record) per increment was half of the item side's time; per commit, the rows an
 * interval changed are written whole chunks at a time where many of their counts changed, and pair by pair where few
 * did, so a large catalogue's scattered increments cost no more than before.
 *
 * <p>Writing at commit relies on Kafka Streams' cache contract: before it commits a task's transaction it calls
 * {@link #flushCache()} on every store that is a {@link CachedStateStore}, which is how its own record cache writes
 * through. That interface is internal to Kafka Streams, so {@code RecommendationTopologyTest} checks through a
 * topology test driver that every commit writes the counts. Under exactly-once, a task that fails before its commit
 * is restored from the changelog, and {@link #clearCache()} or a new {@link #init} drops the rows it had not written.
 */
final class PairRowStore implements StateStore, CachedStateStore<String, byte[]> {
    private final KeyValueStore<String, byte[]> store;
    private final PairRows rows;

    PairRowStore(KeyValueStore<String, byte[]> store, long maxCounts) {
        this.store = store;
        this.rows = new PairRows(maxCounts);
    }

    void incrementRow(String itemId, List<String> partners) {
        rows.incrementRow(itemId, partners, this::load);
    }

    void incrementColumn(List<String> itemIds, String partner) {
        rows.incrementColumn(itemIds, partner, this::load);
    }

    /** Every pair count of the item (partner, count). */
    void forEach(String itemId, ObjLongConsumer<String> consumer) {
        rows.forEach(itemId, consumer, this::load);
    }

    /** Pair counts held in memory. */
    long heldCounts() {
        return rows.size();
    }

    @Override
    public void flushCache() {
        for (String itemId : rows.changed()) {
            write(itemId, rows.held(itemId));
        }
        rows.written();
    }

    @Override
    public void clearCache() {
        rows.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        rows.clear();
        store.init(context, root);
    }

    @Override
    public void flush() {
        flushCache();
        store.flush();
    }

    /** Rows not written by now belong to a task closed without a commit: its state is restored, not kept. */
    @Override
    public void close() {
        rows.clear();
        store.close();
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }

    /**
     * Writes a changed row: whole chunks where {@link PairChunks#writesWhole} says so (every chunk when the row has
     * outgrown its level), single pairs elsewhere.
     */
    private void write(String itemId, PairRows.Row row) {
        int level = Math.max(row.level, PairChunks.levelFor(row.counts.size()));
        boolean releveled = level != row.level;
        int[] partners = new int[1 << level];
        int[] changed = new int[1 << level];
        row.counts.forEach((partner, count, isChanged) -> {
            int chunk = PairChunks.chunkOf(rows.partnerHash(partner), level);
            partners[chunk]++;
            if (isChanged) {
                changed[chunk]++;
            }
        });
        PairChunks.ChunkWriter[] whole = new PairChunks.ChunkWriter[partners.length];
        for (int chunk = 0; chunk < partners.length; chunk++) {
            if (releveled ? partners[chunk] > 0
                    : changed[chunk] > 0 && PairChunks.writesWhole(changed[chunk], partners[chunk])) {
                whole[chunk] = new PairChunks.ChunkWriter(level, partners[chunk]);
            }
        }
        row.counts.forEach((partner, count, isChanged) -> {
            PairChunks.ChunkWriter writer = whole[PairChunks.chunkOf(rows.partnerHash(partner), level)];
            if (writer != null) {
                writer.add(rows.partnerUtf8(partner), count);
            } else if (isChanged) {
                store.put(PairChunks.pairKey(itemId, rows.partnerId(partner)), PairChunks.encodeCount(count));
            }
        });
        for (int chunk = 0; chunk < whole.length; chunk++) {
            if (whole[chunk] != null) {
                store.put(PairChunks.chunkKey(itemId, chunk), whole[chunk].toByteArray());
            }
        }
        row.level = level;
    }

    /** The item's row as stored: every record of it, each partner at its highest count. */
    private PairRows.Row load(String itemId) {
        String prefix = PairChunks.prefix(itemId);
        Map<String, Long> counts = new HashMap<>();
        int level = 0;
        try (KeyValueIterator<String, byte[]> stored = store.prefixScan(prefix, new StringSerializer())) {
            while (stored.hasNext()) {
                KeyValue<String, byte[]> entry = stored.next();
                level = Math.max(level, PairChunks.read(entry.key.substring(prefix.length()), entry.value,
                        (partner, count) -> counts.merge(partner, count, Math::max)));
            }
        }
        return rows.rowOf(counts, level);
    }
}
