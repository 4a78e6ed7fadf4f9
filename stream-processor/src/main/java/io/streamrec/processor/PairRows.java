package io.streamrec.processor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * Complete pair-count rows of one task's items, in memory: every increment goes here, and {@link PairRowStore}
 * writes the changed ones at commit. A row is read from the store the first time the task touches it; a changed row
 * stays until it is written; the others are dropped, in no particular order, while more than {@code maxCounts}
 * counts are held, so a large catalogue costs store reads again rather than memory.
 *
 * <p>Compact on purpose: partner ids are numbered once per task and each row is a {@link PartnerCounts}, one
 * primitive array of 16-32 bytes per count instead of about 100 for boxed map entries, and an increment touches one
 * slot rather than chasing scattered entries. Partner numbers last until the rows are cleared, so they grow with the
 * distinct items seen as partners, at most the catalogue. Used by its task's thread only.
 */
final class PairRows {
    private final long maxCounts;
    private final Map<String, Integer> partnerNumbers = new HashMap<>();
    private final List<String> partnerIds = new ArrayList<>();
    private int[] partnerHashes = new int[64];
    /** Each partner id's UTF-8 bytes, encoded once rather than at every write of a chunk holding it. */
    private final List<byte[]> partnerUtf8 = new ArrayList<>();
    private final Map<String, Row> rows = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private long counts;

    PairRows(long maxCounts) {
        this.maxCounts = maxCounts;
    }

    /** One item's counts and the chunk level they are stored at. */
    static final class Row {
        final PartnerCounts counts;
        int level;
        /** Whether the row is in {@link #changed}: one field test per increment instead of a set insert. */
        private boolean listed;

        Row(PartnerCounts counts, int level) {
            this.counts = counts;
            this.level = level;
        }
    }

    /** Counts one more co-occurrence of the item with each partner; {@code load} reads a row not held. */
    void incrementRow(String itemId, List<String> partners, Function<String, Row> load) {
        Row row = row(itemId, load);
        for (String partner : partners) {
            add(row, numberOf(partner));
        }
        listChanged(itemId, row);
    }

    /** Counts one more co-occurrence of each item with the partner, numbering the partner once for all of them. */
    void incrementColumn(List<String> itemIds, String partner, Function<String, Row> load) {
        int number = numberOf(partner);
        for (String itemId : itemIds) {
            Row row = row(itemId, load);
            add(row, number);
            listChanged(itemId, row);
        }
    }

    /** Calls {@code consumer} with each partner and count of the item's row, read with {@code load} if not held. */
    void forEach(String itemId, ObjLongConsumer<String> consumer, Function<String, Row> load) {
        row(itemId, load).counts.forEach((partner, count, changedSinceWritten) ->
                consumer.accept(partnerIds.get(partner), count));
    }

    /** A row built from stored counts, its partners numbered here; {@code level} is the level it was stored at. */
    Row rowOf(Map<String, Long> stored, int level) {
        PartnerCounts read = new PartnerCounts(stored.size());
        stored.forEach((partner, count) -> read.raise(numberOf(partner), count));
        return new Row(read, level);
    }

    /** Items whose rows changed since they were last written, in the order they first changed. */
    Set<String> changed() {
        return changed;
    }

    Row held(String itemId) {
        return rows.get(itemId);
    }

    String partnerId(int number) {
        return partnerIds.get(number);
    }

    byte[] partnerUtf8(int number) {
        return partnerUtf8.get(number);
    }

    int partnerHash(int number) {
        return partnerHashes[number];
    }

    /** After the changed rows were written: they are clean now, and rows beyond the limit are dropped. */
    void written() {
        for (String itemId : changed) {
            Row row = rows.get(itemId);
            row.counts.markWritten();
            row.listed = false;
        }
        changed.clear();
        Iterator<Row> held = rows.values().iterator();
        while (counts > maxCounts && held.hasNext()) {
            counts -= held.next().counts.size();
            held.remove();
        }
    }

    /** Forgets every row, written or not. */
    void clear() {
        rows.clear();
        changed.clear();
        partnerNumbers.clear();
        partnerIds.clear();
        partnerUtf8.clear();
        counts = 0;
    }

    /** Pair counts held. */
    long size() {
        return counts;
    }

    private Row row(String itemId, Function<String, Row> load) {
        Row row = rows.get(itemId);
        if (row == null) {
            row = load.apply(itemId);
            rows.put(itemId, row);
            counts += row.counts.size();
        }
        return row;
    }

    private void listChanged(String itemId, Row row) {
        if (!row.listed) {
            row.listed = true;
            changed.add(itemId);
        }
    }

    private void add(Row row, int partner) {
        int before = row.counts.size();
        row.counts.add(partner, 1);
        counts += row.counts.size() - before;
    }

    private int numberOf(String partner) {
        Integer number = partnerNumbers.get(partner);
        if (number != null) {
            return number;
        }
        int next = partnerIds.size();
        partnerIds.add(partner);
        partnerUtf8.add(partner.getBytes(StandardCharsets.UTF_8));
        partnerNumbers.put(partner, next);
        if (next == partnerHashes.length) {
            partnerHashes = Arrays.copyOf(partnerHashes, next * 2);
        }
        partnerHashes[next] = PairChunks.hash(partner);
        return next;
    }
}
