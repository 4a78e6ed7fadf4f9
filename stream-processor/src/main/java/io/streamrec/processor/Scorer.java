package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;
import io.streamrec.processor.NeighbourRow.Neighbour;
import io.streamrec.processor.RecentItems.RecentItem;
import io.streamrec.schemas.RecommendedItem;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Scores a user's candidates from the four sources and blends them by the strategy's source weights:
 * <ul>
 *   <li>similar (SAR): Σ over the user's top {@code maxSeeds} history items i of affinity(i) × similarity(i, j), with
 *   affinity decayed to the user's latest event by the strategy's half-life and similarity from i's neighbour row
 *   under the strategy's measure (optionally normalised per history item, see {@link Strategy#normalizeSeeds()});
 *   decaying to the user's latest event rather than to a global "now" scales all of a user's affinities alike, so
 *   it ranks as SAR's global reference time does;
 *   <li>popular and trending: the merged leaderboards of all partitions;
 *   <li>pinned: the strategy's items for the user's segment, {@code (n − i) / n} for the i-th of n.
 * </ul>
 * Excluded (and, if the strategy says so, seen) items are dropped first; then each source is scaled so that its best
 * remaining candidate scores 1 before its weight applies, which keeps the weights comparable whatever the scale of
 * counts and affinities. The top N are kept, with each source's contribution kept for attribution.
 */
final class Scorer {
    private static final Comparator<RecentItem> STRONGEST_FIRST =
            Comparator.comparingDouble(RecentItem::affinity).reversed();

    private Scorer() {
    }

    /**
     * @param rows        an item's published neighbour row, or null
     * @param occurrences an item's occurrence count as of its own latest row, or a negative number when unknown
     */
    static List<RecommendedItem> recommend(Strategy strategy, String segment, RecentItems history,
                                           Function<String, NeighbourRow> rows, ToLongFunction<String> occurrences,
                                           List<Ranked> popular, List<Ranked> trending, int maxSeeds) {
        Predicate<String> excluded = strategy.excludedItems()::contains;
        if (strategy.filterSeen()) {
            excluded = excluded.or(history::contains);
        }
        CandidateScores candidates = new CandidateScores();
        addSimilar(candidates, strategy, history, rows, occurrences, maxSeeds, excluded);
        addRanked(candidates, CandidateSource.POPULAR, strategy, popular, excluded);
        addRanked(candidates, CandidateSource.TRENDING, strategy, trending, excluded);
        addPinned(candidates, strategy, segment);
        return candidates.top(strategy.topN(), excluded);
    }

    private static void addSimilar(CandidateScores candidates, Strategy strategy, RecentItems history,
                                   Function<String, NeighbourRow> rows, ToLongFunction<String> occurrences,
                                   int maxSeeds, Predicate<String> excluded) {
        double weight = strategy.weightOf(CandidateSource.SIMILAR);
        if (weight <= 0 || history.items().isEmpty()) {
            return;
        }
        long reference = history.latestMs();
        double halfLifeMs = strategy.halfLifeMs();
        List<RecentItem> seeds = history.items().stream()
                .map(item -> new RecentItem(item.itemId(), item.lastType(), item.affinityAt(reference, halfLifeMs),
                        reference))
                .sorted(STRONGEST_FIRST).limit(maxSeeds).toList();
        Map<String, Double> scores = new HashMap<>();
        for (RecentItem seed : seeds) {
            NeighbourRow row = rows.apply(seed.itemId());
            if (row == null) {
                continue;
            }
            double[] similarities = new double[row.neighbours().size()];
            double sum = 0;
            for (int n = 0; n < similarities.length; n++) {
                Neighbour neighbour = row.neighbours().get(n);
                similarities[n] = strategy.similarity(neighbour.cooccurrences(), row.occurrences(),
                        currentOccurrences(neighbour, occurrences));
                sum += similarities[n];
            }
            // normalised over the whole row, seen items included, so that filtering does not change a seed's share
            double scale = strategy.normalizeSeeds() ? (sum > 0 ? 1 / sum : 0) : 1;
            for (int n = 0; n < similarities.length; n++) {
                String itemId = row.neighbours().get(n).itemId();
                if (similarities[n] > 0 && !excluded.test(itemId)) {
                    scores.merge(itemId, seed.affinity() * similarities[n] * scale, Double::sum);
                }
            }
        }
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (best > 0) {
            scores.forEach((itemId, score) -> candidates.add(itemId, CandidateSource.SIMILAR, weight * score / best));
        }
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

    private static void addRanked(CandidateScores candidates, CandidateSource source, Strategy strategy,
                                  List<Ranked> ranked, Predicate<String> excluded) {
        double weight = strategy.weightOf(source);
        if (weight <= 0) {
            return;
        }
        List<Ranked> eligible = ranked.stream().filter(item -> !excluded.test(item.itemId())).toList();
        double best = eligible.stream().mapToDouble(Ranked::log2).max().orElse(0);
        for (Ranked item : eligible) {
            candidates.add(item.itemId(), source, weight * DecayedScore.relativeTo(item.log2(), best));
        }
    }

    private static void addPinned(CandidateScores candidates, Strategy strategy, String segment) {
        List<String> pinned = strategy.pinnedFor(segment);
        double weight = strategy.weightOf(CandidateSource.PINNED);
        for (int i = 0; i < pinned.size(); i++) {
            candidates.add(pinned.get(i), CandidateSource.PINNED, weight * (pinned.size() - i) / pinned.size());
        }
    }
}
