package io.streamrec.processor;

import java.util.HashMap;
import java.util.Map;

/**
 * Complete pair-count rows of one task's items, decoded, in memory, in front of the {@code item-pairs} store.
 * Publishing a row needs every pair of the item; a prefix scan through Kafka Streams' record cache copies the
 * range's cached keys and merges them with a RocksDB iterator, and that made publication the item side's main cost
 * (JFR). Once a row has been scanned, every increment updates it here as well as in the store, so later
 * publications and increments of that item read memory only.
 *
 * <p>Bounded by {@code maxCounts} pair counts: past that, rows are not kept (and a row that grows past it is
 * dropped), so a large catalogue costs scans again rather than memory. No eviction by recency on purpose: rows are
 * published oldest change first, a cyclic pattern under which LRU would keep nothing useful. Used by its task's
 * thread only, and emptied whenever the task (re)initialises its stores, so it never outlives what it mirrors.
 */
final class PairRows {
    private final long maxCounts;
    private final Map<String, Map<String, Long>> rows = new HashMap<>();
    private long counts;

    PairRows(long maxCounts) {
        this.maxCounts = maxCounts;
    }

    /** The item's complete row (partner → count), or null when it is not held. */
    Map<String, Long> get(String itemId) {
        return rows.get(itemId);
    }

    /** Keeps a complete row just read from the store, if it fits. */
    void hold(String itemId, Map<String, Long> row) {
        if (counts + row.size() <= maxCounts && !rows.containsKey(itemId)) {
            rows.put(itemId, row);
            counts += row.size();
        }
    }

    /** Records a pair's new count in its item's row, when that row is held. */
    void set(String itemId, String partner, long count) {
        Map<String, Long> row = rows.get(itemId);
        if (row != null && row.put(partner, count) == null && ++counts > maxCounts) {
            rows.remove(itemId);
            counts -= row.size();
        }
    }

    /** Forgets every row. */
    void clear() {
        rows.clear();
        counts = 0;
    }

    /** Pair counts held, for tests. */
    long size() {
        return counts;
    }
}
