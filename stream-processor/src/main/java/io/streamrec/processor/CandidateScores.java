package io.streamrec.processor;

import io.streamrec.schemas.RecommendedItem;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Candidate items collected from the sources, each with every source's contribution to its score. An item's score is
 * the sum of its contributions; the contributions travel with it so that a recommendation can be explained.
 */
final class CandidateScores {
    private static final Comparator<RecommendedItem> BEST_FIRST = Comparator
            .comparingDouble(RecommendedItem::getScore).reversed()
            // equal scores in a stable order, so that the same state always gives the same recommendations
            .thenComparing(RecommendedItem::getItemId);

    private final Map<String, Map<String, Double>> contributions = new HashMap<>();

    /** Adds a source's contribution to an item, summing with what that source already gave it. */
    void add(String itemId, CandidateSource source, double contribution) {
        contributions.computeIfAbsent(itemId, id -> new HashMap<>()).merge(source.key(), contribution, Double::sum);
    }

    /**
     * The {@code n} best items, leaving out {@code excluded} ones and those scoring nothing (a source weighted 0
     * is switched off, so it must not fill the list with zero-score items).
     */
    List<RecommendedItem> top(int n, Predicate<String> excluded) {
        return contributions.entrySet().stream()
                .filter(candidate -> !excluded.test(candidate.getKey()))
                .map(candidate -> new RecommendedItem(candidate.getKey(), total(candidate.getValue()), candidate.getValue()))
                .filter(item -> item.getScore() > 0)
                .sorted(BEST_FIRST)
                .limit(n)
                .toList();
    }

    private static double total(Map<String, Double> bySource) {
        return bySource.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
