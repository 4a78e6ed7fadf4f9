package io.streamrec.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Complete pair-count rows of one task's items, in memory, in front of the {@code item-pairs} store. Publishing a row
 * needs every pair of the item; a prefix scan through Kafka Streams' record cache copies the range's cached keys and
 * merges them with a RocksDB iterator, and that made publication the item side's main cost (JFR). Once a row has been
 * scanned, every increment updates it here as well as in the store, so later publications and increments of that item
 * read memory only.
 *
 * <p>Compact on purpose: partner ids are numbered once per task and each row is a {@link PartnerCounts}, one primitive
 * array of 16-32 bytes per count instead of about 100 for boxed map entries, and an increment touches one slot
 * rather than chasing scattered entries.
 *
 * <p>Bounded by {@code maxCounts} pair counts: past that, rows are not kept (and a row that grows past it is
 * dropped), so a large catalogue costs scans again rather than memory. No eviction by recency on purpose: rows are
 * published oldest change first, a cyclic pattern under which LRU would keep nothing useful. Partner numbers last
 * until the rows are cleared, so they grow with the distinct items seen as partners, at most the catalogue.
 * Used by its task's thread only, and emptied whenever the task (re)initialises its stores, so it never outlives
 * what it mirrors.
 */
final class PairRows {
    private final long maxCounts;
    private final Map<String, Integer> partnerNumbers = new HashMap<>();
    private final List<String> partnerIds = new ArrayList<>();
    private final Map<String, PartnerCounts> rows = new HashMap<>();
    private long counts;

    PairRows(long maxCounts) {
        this.maxCounts = maxCounts;
    }

    /** Receives a pair's new count, or -1 when its item's row is not held (the store has the count). */
    interface Counted {
        void accept(String itemId, String partner, long count);
    }

    /**
     * Counts one more co-occurrence of the item with each partner. A partner missing from a held row had no count:
     * rows are complete. The item's row is found once for all its partners.
     */
    void incrementRow(String itemId, List<String> partners, Counted counted) {
        PartnerCounts row = rows.get(itemId);
        for (String partner : partners) {
            if (row == null) {
                counted.accept(itemId, partner, -1);
                continue;
            }
            int before = row.size();
            long count = row.add(numberOf(partner), 1);
            if (droppedPastLimit(itemId, row, before)) {
                row = null;
            }
            counted.accept(itemId, partner, count);
        }
    }

    /** Counts one more co-occurrence of each item with the partner, numbering the partner once for all of them. */
    void incrementColumn(List<String> itemIds, String partner, Counted counted) {
        int number = -1;
        for (String itemId : itemIds) {
            PartnerCounts row = rows.get(itemId);
            if (row == null) {
                counted.accept(itemId, partner, -1);
                continue;
            }
            if (number < 0) {
                number = numberOf(partner);
            }
            int before = row.size();
            long count = row.add(number, 1);
            droppedPastLimit(itemId, row, before);
            counted.accept(itemId, partner, count);
        }
    }

    /** Drops a row that has just grown past the limit; its new count is still valid for the store. */
    private boolean droppedPastLimit(String itemId, PartnerCounts row, int sizeBefore) {
        if (row.size() > sizeBefore && ++counts > maxCounts) {
            rows.remove(itemId);
            counts -= row.size();
            return true;
        }
        return false;
    }

    /** Keeps a complete row just read from the store, if it fits. */
    void hold(String itemId, Map<String, Long> row) {
        if (counts + row.size() > maxCounts || rows.containsKey(itemId)) {
            return;
        }
        PartnerCounts held = new PartnerCounts(row.size());
        row.forEach((partner, count) -> held.add(numberOf(partner), count));
        rows.put(itemId, held);
        counts += row.size();
    }

    /** Calls {@code consumer} with each partner and count of the item's row and returns true, or false if not held. */
    boolean forEach(String itemId, ObjLongConsumer<String> consumer) {
        PartnerCounts row = rows.get(itemId);
        if (row == null) {
            return false;
        }
        row.forEach((partner, count) -> consumer.accept(partnerIds.get(partner), count));
        return true;
    }

    /** Forgets every row. */
    void clear() {
        rows.clear();
        partnerNumbers.clear();
        partnerIds.clear();
        counts = 0;
    }

    /** Pair counts held, for tests. */
    long size() {
        return counts;
    }

    private int numberOf(String partner) {
        Integer number = partnerNumbers.get(partner);
        if (number != null) {
            return number;
        }
        partnerIds.add(partner);
        partnerNumbers.put(partner, partnerIds.size() - 1);
        return partnerIds.size() - 1;
    }
}
