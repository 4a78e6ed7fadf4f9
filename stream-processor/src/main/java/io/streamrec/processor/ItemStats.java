package io.streamrec.processor;

/**
 * An item's counters on the item-keyed side.
 *
 * @param occurrences    users whose history the item entered
 * @param popularityLog2 {@link DecayedScore} of its interactions, event-type weighted, popularity half-life
 * @param trendingLog2   {@link DecayedScore} of its interaction count, trending half-life
 */
record ItemStats(long occurrences, double popularityLog2, double trendingLog2) {
    static final ItemStats NONE = new ItemStats(0, DecayedScore.EMPTY, DecayedScore.EMPTY);
}
