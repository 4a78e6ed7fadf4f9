package io.streamrec.processor;

import io.streamrec.schemas.RecommendedItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

    private static final CandidateSource[] SOURCES = CandidateSource.values();

    /**
     * Per item, a fixed slot per source: a user has thousands of candidates, and a map per candidate was the larger
     * part of re-emission's cost (JFR); only the n best become maps, in {@link #top}.
     */
    private final Map<String, Contributions> contributions = new HashMap<>();

    /** Adds a source's contribution to an item, summing with what that source already gave it. */
    void add(String itemId, CandidateSource source, double contribution) {
        contributions.computeIfAbsent(itemId, id -> new Contributions()).add(source, contribution);
    }

    int size() {
        return contributions.size();
    }

    boolean contains(String itemId) {
        return contributions.containsKey(itemId);
    }

    /** The candidates so far, as a copy: adding to this while iterating it is fine. */
    List<String> itemIds() {
        return new ArrayList<>(contributions.keySet());
    }

    /** The item's score so far, 0 when it is no candidate. */
    double total(String itemId) {
        Contributions item = contributions.get(itemId);
        return item == null ? 0 : item.total();
    }

    /**
     * The totals of the {@code n} best items {@link #top} would consider so far, as a min-heap (the n-th best at its
     * head), for a caller that adds more items and needs to know when none can enter the top n any more.
     */
    PriorityQueue<Double> bestTotals(int n, Predicate<String> excluded) {
        PriorityQueue<Double> best = new PriorityQueue<>(n + 1);
        contributions.forEach((itemId, item) -> {
            double total = item.total();
            if (total > 0 && !excluded.test(itemId)) {
                best.add(total);
                if (best.size() > n) {
                    best.poll();
                }
            }
        });
        return best;
    }

    /**
     * The {@code n} best items, leaving out {@code excluded} ones and those scoring nothing (a source weighted 0
     * is switched off, so it must not fill the list with zero-score items). A bounded heap keeps the n best, so only
     * those become {@link RecommendedItem}s: a user has thousands of candidates (every leaderboard entry), and
     * building and sorting all of them was most of the cost of a recommendation (JFR, re-emission).
     */
    List<RecommendedItem> top(int n, Predicate<String> excluded) {
        if (n <= 0) {
            return List.of();
        }
        PriorityQueue<RecommendedItem> best = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
        for (Map.Entry<String, Contributions> candidate : contributions.entrySet()) {
            if (excluded.test(candidate.getKey())) {
                continue;
            }
            double score = candidate.getValue().total();
            if (!(score > 0)) {
                continue;
            }
            if (best.size() == n) {
                RecommendedItem worst = best.peek();
                boolean better = score > worst.getScore()
                        || score == worst.getScore() && candidate.getKey().compareTo(worst.getItemId()) < 0;
                if (!better) {
                    continue;
                }
                best.poll();
            }
            best.add(new RecommendedItem(candidate.getKey(), score, candidate.getValue().bySource()));
        }
        List<RecommendedItem> top = new ArrayList<>(best);
        top.sort(BEST_FIRST);
        return List.copyOf(top);
    }

    /** One item's contributions; a source that added nothing is absent, one that added 0 is present with 0. */
    private static final class Contributions {
        private final double[] amounts = new double[SOURCES.length];
        private int added;

        void add(CandidateSource source, double contribution) {
            amounts[source.ordinal()] += contribution;
            added |= 1 << source.ordinal();
        }

        double total() {
            double total = 0;
            for (double amount : amounts) {
                total += amount;
            }
            return total;
        }

        Map<String, Double> bySource() {
            Map<String, Double> bySource = new HashMap<>();
            for (CandidateSource source : SOURCES) {
                if ((added & 1 << source.ordinal()) != 0) {
                    bySource.put(source.key(), amounts[source.ordinal()]);
                }
            }
            return bySource;
        }
    }
}
