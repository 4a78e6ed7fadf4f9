package io.streamrec.processor;

/**
 * One item's pair counts, by partner number ({@link PairRows} numbers partner ids): open addressing over two
 * primitive arrays. A row of boxed {@code HashMap<String, Long>} entries scattered over the heap made each increment
 * a few cache misses, and those lookups were a fifth of the item side's time in a MovieLens replay (JFR); here an
 * increment probes one contiguous array.
 */
final class PartnerCounts {
    /** Partner number + 1; 0 marks a free slot. */
    private int[] keys;
    private long[] counts;
    private int size;

    PartnerCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        counts = new long[capacity];
    }

    /** Adds {@code delta} to the partner's count (0 when absent) and returns the new count. */
    long add(int partner, long delta) {
        int slot = slotOf(partner);
        if (keys[slot] == 0) {
            keys[slot] = partner + 1;
            size++;
            counts[slot] = delta;
            if (size * 2 > keys.length) {
                grow();
            }
            return delta;
        }
        counts[slot] += delta;
        return counts[slot];
    }

    int size() {
        return size;
    }

    /** Calls {@code consumer} with every partner number and its count, in no particular order. */
    void forEach(Consumer consumer) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                consumer.accept(keys[slot] - 1, counts[slot]);
            }
        }
    }

    /** Receives a partner number and its count. */
    interface Consumer {
        void accept(int partner, long count);
    }

    /** The partner's slot, or the free slot where it would go. */
    private int slotOf(int partner) {
        int mask = keys.length - 1;
        // Fibonacci hashing spreads the consecutive partner numbers over the table
        int slot = (partner * 0x9E3779B9 >>> 16) & mask;
        while (keys[slot] != 0 && keys[slot] != partner + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != 0) {
                int to = slotOf(oldKeys[slot] - 1);
                keys[to] = oldKeys[slot];
                counts[to] = oldCounts[slot];
            }
        }
    }
}
