package io.streamrec.processor;

import io.streamrec.processor.RecentItems.RecentItem;
import io.streamrec.schemas.RecommendedItem;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

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
     * @param similarRows a history item's scored neighbours under the strategy's measure, or null without a row
     */
    static List<RecommendedItem> recommend(Strategy strategy, String segment, RecentItems history,
                                           Function<String, SimilarityRows.Scored> similarRows,
                                           RankedBoard popular, RankedBoard trending, int maxSeeds) {
        Predicate<String> excluded = strategy.excludedItems()::contains;
        if (strategy.filterSeen()) {
            excluded = excluded.or(history::contains);
        }
        CandidateScores candidates = new CandidateScores();
        addSimilar(candidates, strategy, history, similarRows, maxSeeds, excluded);
        addPinned(candidates, strategy, segment);
        RankedCandidates.add(candidates, strategy, popular, trending, excluded, strategy.topN());
        return candidates.top(strategy.topN(), excluded);
    }

    private static void addSimilar(CandidateScores candidates, Strategy strategy, RecentItems history,
                                   Function<String, SimilarityRows.Scored> similarRows, int maxSeeds,
                                   Predicate<String> excluded) {
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
            SimilarityRows.Scored row = similarRows.apply(seed.itemId());
            if (row == null) {
                continue;
            }
            double[] similarities = row.similarities();
            for (int n = 0; n < similarities.length; n++) {
                if (similarities[n] > 0) {
                    scores.merge(row.neighbours().get(n).itemId(), seed.affinity() * similarities[n], Double::sum);
                }
            }
        }
        // once per distinct item rather than per row entry: popular neighbours recur in most seeds' rows
        scores.keySet().removeIf(excluded);
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (best > 0) {
            scores.forEach((itemId, score) -> candidates.add(itemId, CandidateSource.SIMILAR, weight * score / best));
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
