package io.streamrec.processor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decoded neighbour rows, in memory, shared by the tasks of one instance, in front of the global store: scoring
 * reads up to max-seeds rows per event, and decoding each from RocksDB dominated the per-event cost. The global
 * store's loader is the only writer, so a cached row is replaced as soon as a newer one arrives and is never stale.
 * Holds at most {@code capacity} rows (about K × 60 bytes each); past that, rows are read from the store and not
 * kept, so memory stays bounded on large catalogues while hot items, which most histories share, stay cached.
 */
final class RowCache {
    private final Map<String, NeighbourRow> rows = new ConcurrentHashMap<>();
    private final int capacity;

    RowCache(int capacity) {
        this.capacity = capacity;
    }

    /** Called by the global store's loader with every row it stores. */
    void update(NeighbourRow row) {
        if (rows.containsKey(row.itemId()) || rows.size() < capacity) {
            rows.put(row.itemId(), row);
        }
    }

    /** The row from memory, else from {@code store}. */
    NeighbourRow get(String itemId, Function<String, NeighbourRow> store) {
        NeighbourRow cached = rows.get(itemId);
        if (cached != null) {
            return cached;
        }
        NeighbourRow stored = store.apply(itemId);
        if (stored != null && rows.size() < capacity) {
            // putIfAbsent: the loader may have cached a newer row meanwhile
            rows.putIfAbsent(itemId, stored);
        }
        return stored;
    }
}
