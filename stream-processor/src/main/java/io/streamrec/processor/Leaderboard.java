package io.streamrec.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code capacity} items of one partition with the highest {@link DecayedScore}. Because such scores only ever
 * grow, and only when their item gets an event, offering every updated item keeps the board exact: an item outside it
 * cannot overtake one inside without an event of its own.
 */
final class Leaderboard {
    /** An item and its log2 score. */
    record Ranked(String itemId, double log2) {
    }

    private static final Comparator<Ranked> BEST_FIRST =
            Comparator.comparingDouble(Ranked::log2).reversed().thenComparing(Ranked::itemId);

    private final int capacity;
    private final TreeSet<Ranked> ranked = new TreeSet<>(BEST_FIRST);
    private final Map<String, Ranked> byItem = new HashMap<>();
    private boolean changed;

    Leaderboard(int capacity) {
        this.capacity = capacity;
    }

    void offer(String itemId, double log2) {
        Ranked previous = byItem.get(itemId);
        if (previous != null) {
            if (previous.log2() == log2) {
                return;
            }
            ranked.remove(previous);
        } else if (ranked.size() == capacity && log2 <= ranked.last().log2()) {
            return;
        }
        Ranked next = new Ranked(itemId, log2);
        ranked.add(next);
        byItem.put(itemId, next);
        if (ranked.size() > capacity) {
            byItem.remove(ranked.pollLast().itemId());
        }
        changed = true;
    }

    /** True once since the last call if the board changed. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    List<Ranked> best() {
        return new ArrayList<>(ranked);
    }
}
