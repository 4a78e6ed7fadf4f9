package io.streamrec.processor.bench;

import io.streamrec.processor.bench.MovieLens.Rating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Co-occurrences as the processor counts them, independently of its code: in replay order, an item new to a user's
 * history pairs with the {@code window} items the user met most recently before it, once in each direction.
 */
final class WindowedPairs {
    /** The whole history, as SAR counts. */
    static final int WHOLE_HISTORY = Integer.MAX_VALUE;

    /** Receives one directed co-occurrence. */
    interface Pair {
        void accept(String item, String partner);
    }

    private WindowedPairs() {
    }

    /** @param ratings in replay order: by time, then user, then item */
    static void forEach(List<Rating> ratings, int window, Pair pair) {
        Map<String, List<String>> recentFirst = new HashMap<>();
        for (Rating rating : ratings) {
            List<String> history = recentFirst.computeIfAbsent(rating.userId(), u -> new ArrayList<>());
            if (history.remove(rating.itemId())) {
                history.add(0, rating.itemId());
                continue;
            }
            for (String partner : history.subList(0, Math.min(window, history.size()))) {
                pair.accept(rating.itemId(), partner);
                pair.accept(partner, rating.itemId());
            }
            history.add(0, rating.itemId());
        }
    }
}
