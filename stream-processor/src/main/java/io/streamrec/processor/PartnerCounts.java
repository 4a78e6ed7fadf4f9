package io.streamrec.processor;

/**
 * One item's pair counts, by partner number ({@link PairRows} numbers partner ids): open addressing over one
 * primitive array. A row of boxed {@code HashMap<String, Long>} entries scattered over the heap made each increment
 * a few cache misses, and those lookups were a fifth of the item side's time in a MovieLens replay (JFR). Each slot
 * packs the partner and its count into one long, so that an increment misses the cache once rather than once for
 * the partner and once for its count (separate arrays were still a tenth of the item side's samples).
 */
final class PartnerCounts {
    /** Counts up to 2^36 (68 billion) and partner numbers below 2^28 (268 million per task); failing beats wrapping. */
    private static final int COUNT_BITS = 36;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    static final int MAX_PARTNERS = (1 << (Long.SIZE - COUNT_BITS)) - 1;

    /** (partner number + 1) in the high bits, the count in the low ones; 0 marks a free slot. */
    private long[] slots;
    private int size;

    PartnerCounts(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1];
    }

    /** Adds {@code delta} to the partner's count (0 when absent) and returns the new count. */
    long add(int partner, long delta) {
        if (partner < 0 || partner >= MAX_PARTNERS) {
            throw new IllegalArgumentException("partner number out of range: " + partner);
        }
        int slot = slotOf(partner);
        long count = (slots[slot] & COUNT_MASK) + delta;
        if (count > COUNT_MASK || count < 0) {
            throw new ArithmeticException("pair count out of range: " + count);
        }
        boolean added = slots[slot] == 0;
        slots[slot] = ((long) (partner + 1) << COUNT_BITS) | count;
        if (added && ++size * 2 > slots.length) {
            grow();
        }
        return count;
    }

    int size() {
        return size;
    }

    /** Calls {@code consumer} with every partner number and its count, in no particular order. */
    void forEach(Consumer consumer) {
        for (long slot : slots) {
            if (slot != 0) {
                consumer.accept(partnerIn(slot), slot & COUNT_MASK);
            }
        }
    }

    /** Receives a partner number and its count. */
    interface Consumer {
        void accept(int partner, long count);
    }

    /** The partner's slot, or the free slot where it would go. */
    private int slotOf(int partner) {
        int mask = slots.length - 1;
        // Fibonacci hashing spreads the consecutive partner numbers over the table
        int slot = (partner * 0x9E3779B9 >>> 16) & mask;
        while (slots[slot] != 0 && partnerIn(slots[slot]) != partner) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int partnerIn(long slot) {
        return (int) (slot >>> COUNT_BITS) - 1;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long slot : old) {
            if (slot != 0) {
                slots[slotOf(partnerIn(slot))] = slot;
            }
        }
    }
}
