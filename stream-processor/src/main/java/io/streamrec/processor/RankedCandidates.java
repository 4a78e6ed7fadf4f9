package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Adds the popular and trending sources to a user's candidates. Each board is scaled so that its best entry the user
 * may get scores 1 before the source's weight applies.
 *
 * <p>Every candidate another source found gets its full contributions (random access by item). Beyond those, only
 * board entries that can still reach the top N are added: the boards are read best first, in step, until the N-th
 * best total so far beats what any unread entry could still sum to (Fagin's threshold algorithm). The result is the
 * same top N as scoring every entry of every partition's board, which cost each recommendation thousands of
 * candidates (JFR: a third of re-emission).
 */
final class RankedCandidates {
    private record Source(CandidateSource source, RankedBoard board, double weight, double bestLog2) {
        double contribution(double log2) {
            return weight * DecayedScore.relativeTo(log2, bestLog2);
        }
    }

    private RankedCandidates() {
    }

    static void add(CandidateScores candidates, Strategy strategy, RankedBoard popular, RankedBoard trending,
                    Predicate<String> excluded, int n) {
        List<Source> sources = new ArrayList<>(2);
        addSource(sources, CandidateSource.POPULAR, popular, strategy, excluded);
        addSource(sources, CandidateSource.TRENDING, trending, strategy, excluded);
        if (sources.isEmpty() || n <= 0) {
            return;
        }
        for (Source source : sources) {
            addToCandidates(candidates, source, excluded);
        }
        PriorityQueue<Double> nBest = candidates.bestTotals(n, excluded);
        int depth = sources.stream().mapToInt(source -> source.board().bestFirst().size()).max().orElse(0);
        for (int rank = 0; rank < depth; rank++) {
            double unreadBound = 0;
            for (Source source : sources) {
                List<Ranked> bestFirst = source.board().bestFirst();
                if (rank >= bestFirst.size()) {
                    continue;
                }
                Ranked item = bestFirst.get(rank);
                unreadBound += source.contribution(item.log2());
                if (!excluded.test(item.itemId()) && !candidates.contains(item.itemId())) {
                    offer(nBest, addContributions(candidates, sources, item.itemId()), n);
                }
            }
            // strictly better: an unread entry scoring the same could still win the tie on its item id
            if (nBest.size() == n && nBest.peek() > unreadBound) {
                return;
            }
        }
    }

    private static void addSource(List<Source> sources, CandidateSource source, RankedBoard board, Strategy strategy,
                                  Predicate<String> excluded) {
        double weight = strategy.weightOf(source);
        if (weight <= 0) {
            return;
        }
        board.bestFirst().stream().filter(item -> !excluded.test(item.itemId())).findFirst()
                .ifPresent(best -> sources.add(new Source(source, board, weight, best.log2())));
    }

    /** Gives every candidate so far its contribution from the board, walking whichever of the two is shorter. */
    private static void addToCandidates(CandidateScores candidates, Source source, Predicate<String> excluded) {
        List<Ranked> board = source.board().bestFirst();
        if (board.size() < candidates.size()) {
            for (Ranked item : board) {
                if (candidates.contains(item.itemId()) && !excluded.test(item.itemId())) {
                    candidates.add(item.itemId(), source.source(), source.contribution(item.log2()));
                }
            }
            return;
        }
        for (String itemId : candidates.itemIds()) {
            Double log2 = source.board().log2Of(itemId);
            if (log2 != null && !excluded.test(itemId)) {
                candidates.add(itemId, source.source(), source.contribution(log2));
            }
        }
    }

    /** Adds the item's contribution from every board it is on; returns the item's total score. */
    private static double addContributions(CandidateScores candidates, List<Source> sources, String itemId) {
        for (Source source : sources) {
            Double log2 = source.board().log2Of(itemId);
            if (log2 != null) {
                candidates.add(itemId, source.source(), source.contribution(log2));
            }
        }
        return candidates.total(itemId);
    }

    private static void offer(PriorityQueue<Double> nBest, double total, int n) {
        if (!(total > 0)) {
            return;
        }
        nBest.add(total);
        if (nBest.size() > n) {
            nBest.poll();
        }
    }
}
