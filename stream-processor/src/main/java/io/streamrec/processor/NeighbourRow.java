package io.streamrec.processor;

import java.util.List;

/**
 * An item's published row, as read back from the global store on every instance: its counts, its decayed popularity
 * and trending scores, and its top neighbours with the raw counts, so that the reader can apply any similarity
 * measure.
 *
 * @param itemId        the item
 * @param occurrences   users whose history the item entered
 * @param popularityLog2 log2 of the forward-decayed popularity (see {@link DecayedScore})
 * @param trendingLog2  log2 of the forward-decayed recent count, with the short trending half-life
 * @param neighbours    the top neighbours under the measure of the strategy in force at publication, best first
 */
record NeighbourRow(String itemId, long occurrences, double popularityLog2, double trendingLog2,
                    List<Neighbour> neighbours) {

    /**
     * @param itemId        the neighbour
     * @param cooccurrences users who had both items in their history
     * @param occurrences   the neighbour's own occurrence count when the row was published
     */
    record Neighbour(String itemId, long cooccurrences, long occurrences) {
    }

    double similarityTo(Neighbour neighbour, SimilarityMeasure measure) {
        return measure.of(neighbour.cooccurrences(), occurrences, neighbour.occurrences());
    }
}
