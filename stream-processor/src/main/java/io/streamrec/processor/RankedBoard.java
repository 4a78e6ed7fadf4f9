package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of leaderboard (popular or trending) merged over every partition: best first for sorted access, and by
 * item for random access. The scorer needs both to stop reading a board as soon as no unread entry can reach the top
 * N ({@link Scorer}), instead of scoring every entry of every partition's board for every user.
 */
final class RankedBoard {
    static final RankedBoard EMPTY = new RankedBoard(List.of());

    private static final Comparator<Ranked> BEST_FIRST =
            Comparator.comparingDouble(Ranked::log2).reversed().thenComparing(Ranked::itemId);

    private final List<Ranked> bestFirst;
    private final Map<String, Double> log2ByItem;

    private RankedBoard(List<Ranked> bestFirst) {
        this.bestFirst = bestFirst;
        this.log2ByItem = new HashMap<>();
        bestFirst.forEach(item -> log2ByItem.put(item.itemId(), item.log2()));
    }

    /** Items are partitioned, so each appears on at most one partition's board. */
    static RankedBoard of(Collection<Ranked> items) {
        List<Ranked> sorted = new ArrayList<>(items);
        sorted.sort(BEST_FIRST);
        return new RankedBoard(List.copyOf(sorted));
    }

    List<Ranked> bestFirst() {
        return bestFirst;
    }

    /** The item's log2 score, or null when it is not on the board. */
    Double log2Of(String itemId) {
        return log2ByItem.get(itemId);
    }
}
