package io.streamrec.processor;

/**
 * Exponentially decayed sums kept in "forward decay" form: a weight w at time t adds w × 2^(t / halfLife), stored as
 * a log2 so it never overflows. The value at time now is 2^(log2 − now / halfLife), but no stored value ever needs
 * re-decaying: two items compare the same at every time, and a score only changes when its item gets an event. That
 * is what lets a partition keep its top items incrementally (see {@link Leaderboard}).
 */
final class DecayedScore {
    /** The score of an item without events. */
    static final double EMPTY = -1.0e300;

    private DecayedScore() {
    }

    /** {@code log2} after adding {@code weight} at {@code atMs}. */
    static double add(double log2, double weight, long atMs, double halfLifeMs) {
        if (weight <= 0) {
            return log2;
        }
        double added = Math.log(weight) / Math.log(2) + atMs / halfLifeMs;
        if (log2 <= EMPTY) {
            return added;
        }
        double high = Math.max(log2, added);
        double low = Math.min(log2, added);
        return high + Math.log1p(Math.pow(2, low - high)) / Math.log(2);
    }

    /** The decayed value relative to another score (1 for equal scores): what blending normalises by. */
    static double relativeTo(double log2, double referenceLog2) {
        return log2 <= EMPTY ? 0 : Math.pow(2, log2 - referenceLog2);
    }
}
