package io.streamrec.processor;

import io.streamrec.processor.NeighbourRow.Neighbour;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Each history item's neighbours with their similarity under a strategy's measure, normalised if the strategy says
 * so, computed once and shared by the tasks of one instance. Users share their popular history items, so scoring
 * (and above all re-emitting thousands of users after a strategy change) recomputed the same K similarities, each
 * with a lookup of the neighbour's current count, for every user again (JFR: half of the scorer).
 *
 * <p>An entry is reused only while it is exact: for the same row object (the row cache hands out the one it holds
 * until a newer row replaces it) and while no item's count has changed since ({@link ItemOccurrences#version}). At
 * most {@code capacity} entries are kept, like the row cache; beyond that they are computed per use.
 */
final class SimilarityRows {
    /** The neighbours of one row, best first, and their similarities; a 0 similarity contributes nothing. */
    record Scored(List<Neighbour> neighbours, double[] similarities) {
    }

    private record Measure(SimilarityMeasure measure, double alpha, boolean normalized) {
        static Measure of(Strategy strategy) {
            return new Measure(strategy.similarity(), strategy.similarityAlpha(), strategy.normalizeSeeds());
        }
    }

    private record Key(String itemId, Measure measure) {
    }

    private record Entry(NeighbourRow row, long occurrencesVersion, Scored scored) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ItemOccurrences occurrences;
    private final int capacity;

    SimilarityRows(ItemOccurrences occurrences, int capacity) {
        this.occurrences = occurrences;
        this.capacity = capacity;
    }

    /** The scored neighbours of the item's row under the strategy's measure, or null when the item has no row. */
    Scored of(String itemId, Strategy strategy, Function<String, NeighbourRow> rows) {
        NeighbourRow row = rows.apply(itemId);
        if (row == null) {
            return null;
        }
        Key key = new Key(itemId, Measure.of(strategy));
        // read before computing: a count that changes meanwhile makes the entry look older, never fresher
        long version = occurrences.version();
        Entry cached = entries.get(key);
        if (cached != null && cached.row() == row && cached.occurrencesVersion() == version) {
            return cached.scored();
        }
        Scored scored = score(row, strategy, occurrences::of);
        if (cached != null || entries.size() < capacity) {
            entries.put(key, new Entry(row, version, scored));
        }
        return scored;
    }

    /**
     * Normalised over the whole row, items the user has seen included, so that filtering does not change a seed's
     * share.
     */
    static Scored score(NeighbourRow row, Strategy strategy, ToLongFunction<String> occurrences) {
        List<Neighbour> neighbours = row.neighbours();
        double[] similarities = new double[neighbours.size()];
        double sum = 0;
        for (int n = 0; n < similarities.length; n++) {
            Neighbour neighbour = neighbours.get(n);
            similarities[n] = strategy.similarity(neighbour.cooccurrences(), row.occurrences(),
                    currentOccurrences(neighbour, occurrences));
            sum += similarities[n];
        }
        if (strategy.normalizeSeeds()) {
            double scale = sum > 0 ? 1 / sum : 0;
            for (int n = 0; n < similarities.length; n++) {
                similarities[n] *= scale;
            }
        }
        return new Scored(neighbours, similarities);
    }

    /**
     * The neighbour's own count as of its latest row rather than the one frozen into this row when it was published:
     * a row is republished only when its own pairs change, so under load its partners' counts can lag far behind
     * (on MovieLens half the entries, 20% low on average, which cost 4% of precision). Floored at the pair count.
     */
    private static long currentOccurrences(Neighbour neighbour, ToLongFunction<String> occurrences) {
        long current = occurrences.applyAsLong(neighbour.itemId());
        return Math.max(neighbour.cooccurrences(), current >= 0 ? current : neighbour.occurrences());
    }
}
