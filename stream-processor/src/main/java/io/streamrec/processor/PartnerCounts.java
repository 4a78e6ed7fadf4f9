package io.streamrec.processor;

/**
 * One item's pair counts, by partner number ({@link PairRows} numbers partner ids): open addressing over one
 * primitive array. A row of boxed {@code HashMap<String, Long>} entries scattered over the heap made each increment
 * a few cache misses, and those lookups were a fifth of the item side's time in a MovieLens replay (JFR). Each slot
 * packs the partner, a changed-since-written flag and the count into one long, so that an increment misses the cache
 * once rather than once per field (separate arrays were still a tenth of the item side's samples).
 */
final class PartnerCounts {
    /** Counts up to 2^35 (34 billion) and partner numbers below 2^28 (268 million per task); failing beats wrapping. */
    private static final int COUNT_BITS = 35;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long CHANGED = 1L << COUNT_BITS;
    private static final int PARTNER_SHIFT = COUNT_BITS + 1;
    static final int MAX_PARTNERS = (1 << (Long.SIZE - PARTNER_SHIFT)) - 1;

    /** (partner number + 1) in the high bits, then the changed flag, then the count; 0 marks a free slot. */
    private long[] slots;
    private int size;

    PartnerCounts(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1];
    }

    /** Adds {@code delta} to the partner's count (0 when absent), marks it changed and returns the new count. */
    long add(int partner, long delta) {
        int slot = slotOf(checked(partner));
        return put(slot, partner, (slots[slot] & COUNT_MASK) + delta, true);
    }

    /**
     * Raises the partner's count to {@code count} unless it is higher already, without marking it changed: what a
     * stored count does when it is read back (counts only grow, so the higher of two stored ones is the newer).
     */
    void raise(int partner, long count) {
        int slot = slotOf(checked(partner));
        if (count > (slots[slot] & COUNT_MASK)) {
            put(slot, partner, count, (slots[slot] & CHANGED) != 0);
        }
    }

    int size() {
        return size;
    }

    /** Calls {@code consumer} with every partner number, its count and whether it changed, in no particular order. */
    void forEach(Consumer consumer) {
        for (long slot : slots) {
            if (slot != 0) {
                consumer.accept(partnerIn(slot), slot & COUNT_MASK, (slot & CHANGED) != 0);
            }
        }
    }

    /** Clears every changed flag: the counts have been written. */
    void markWritten() {
        for (int i = 0; i < slots.length; i++) {
            slots[i] &= ~CHANGED;
        }
    }

    /** Receives a partner number, its count and whether the count changed since it was last written. */
    interface Consumer {
        void accept(int partner, long count, boolean changed);
    }

    private long put(int slot, int partner, long count, boolean changed) {
        if (count > COUNT_MASK || count < 0) {
            throw new ArithmeticException("pair count out of range: " + count);
        }
        boolean added = slots[slot] == 0;
        slots[slot] = ((long) (partner + 1) << PARTNER_SHIFT) | (changed ? CHANGED : 0) | count;
        if (added && ++size * 2 > slots.length) {
            grow();
        }
        return count;
    }

    private static int checked(int partner) {
        if (partner < 0 || partner >= MAX_PARTNERS) {
            throw new IllegalArgumentException("partner number out of range: " + partner);
        }
        return partner;
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
        return (int) (slot >>> PARTNER_SHIFT) - 1;
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
