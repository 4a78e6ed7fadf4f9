package io.streamrec.processor;

/**
 * How an item's pair counts are laid out in the {@code item-pair-rows} store. A row is split by partner hash into
 * 2^level chunks of at most {@value #MAX_PARTNERS_PER_CHUNK} partners on average; a chunk is stored whole under
 * {@code item \0 c<chunk>} (level, then partner and count per entry), and a single pair count may also be stored on
 * its own under {@code item \0 p<partner>}. Writing a whole chunk costs one record for many counts, writing single
 * pairs costs one record each: {@link PairRowStore} picks per chunk. Counts only grow, so every stored entry of a
 * partner holds a count it once had, and the highest is the current one: reading a row takes the maximum, and
 * nothing stale is ever wrong, only superseded. That is also why a row that outgrows its level is rewritten at the
 * next level without deleting anything first.
 */
final class PairChunks {
    /**
     * Bounds a chunk's record (about 10 bytes per partner for short ids, well under Kafka's 1 MB default) and the
     * bytes rewritten when one of its counts changes.
     */
    static final int MAX_PARTNERS_PER_CHUNK = 1024;
    /**
     * A chunk is written whole when at least one in this many of its partners changed; else its changed counts are
     * written one by one. From the MovieLens replay spikes: a stored record cost about 3.5 µs of CPU (broker and
     * RocksDB included), a stored byte about 35 ns, so a record costs about as much as 16 entries of 6 bytes.
     */
    static final int WHOLE_CHUNK_RATIO = 16;
    private static final char SEPARATOR = '\u0000';
    private static final char CHUNK = 'c';
    private static final char PAIR = 'p';

    private PairChunks() {
    }

    /** The start of every key of the item's row. */
    static String prefix(String itemId) {
        return itemId + SEPARATOR;
    }

    static String chunkKey(String itemId, int chunk) {
        return itemId + SEPARATOR + CHUNK + chunk;
    }

    static String pairKey(String itemId, String partner) {
        return itemId + SEPARATOR + PAIR + partner;
    }

    /** The smallest level whose chunks hold {@code partners} within the bound on average. */
    static int levelFor(int partners) {
        int level = 0;
        while ((long) MAX_PARTNERS_PER_CHUNK << level < partners) {
            level++;
        }
        return level;
    }

    /** A partner's hash, spread so that its low bits (the chunk) are balanced even for similar ids. */
    static int hash(String partner) {
        int h = partner.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    static int chunkOf(int partnerHash, int level) {
        return partnerHash & ((1 << level) - 1);
    }

    static boolean writesWhole(int changed, int partners) {
        return (long) changed * WHOLE_CHUNK_RATIO >= partners;
    }

    static byte[] encodeCount(long count) {
        CompactWriter out = new CompactWriter(9);
        out.writeVarLong(count);
        return out.toByteArray();
    }

    /** Receives every (partner, count) read from one stored record of a row. */
    interface Reader {
        void accept(String partner, long count);
    }

    /** Writes one chunk: its level and entry count first, then the entries. */
    static final class ChunkWriter {
        private final CompactWriter out;

        ChunkWriter(int level, int entries) {
            out = new CompactWriter(entries * 12);
            out.writeVarInt(level);
            out.writeVarInt(entries);
        }

        /** Adds a partner, given as its UTF-8 bytes, and its count. */
        void add(byte[] partnerUtf8, long count) {
            out.writeFull(partnerUtf8);
            out.writeVarLong(count);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /**
     * Reads one stored record of the item's row, given its key without the {@link #prefix}: the partner counts it
     * holds go to {@code reader}; returns the chunk level it was written at, or -1 for a single pair.
     */
    static int read(String keySuffix, byte[] value, Reader reader) {
        if (keySuffix.isEmpty()) {
            throw new IllegalArgumentException("corrupt pair key: nothing after the item id");
        }
        CompactReader in = new CompactReader(value, 0);
        if (keySuffix.charAt(0) == PAIR) {
            reader.accept(keySuffix.substring(1), in.readVarLong());
            in.requireEnd();
            return -1;
        }
        if (keySuffix.charAt(0) != CHUNK) {
            throw new IllegalArgumentException("corrupt pair key: unknown kind '" + keySuffix.charAt(0) + "'");
        }
        int level = in.readVarInt();
        int entries = in.readCount();
        for (int i = 0; i < entries; i++) {
            reader.accept(in.readString(), in.readVarLong());
        }
        in.requireEnd();
        return level;
    }
}
