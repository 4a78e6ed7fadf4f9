package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every partition's popular and trending leaderboards, decoded and merged once per change, shared by the tasks of one
 * instance. Every recommendation (and every re-emitted one) needs both merged boards; prefix-scanning the global store
 * and decoding each partition's JSON for that on every emit was the largest per-emit cost after the neighbour rows.
 *
 * <p>The global store's loader is the only writer of newer values ({@link #update}); tasks {@link #seed} what the store
 * already held when they start (the loader replays only what arrived after the store's checkpoint), without ever
 * replacing a value the loader put. A merged board is recomputed on first use after any change.
 */
final class RankingCache {
    private record Merged(long version, RankedBoard board) {
    }

    private final Map<String, Ranking> byKey = new ConcurrentHashMap<>();
    private final Map<String, Merged> merged = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** Called by the global store's loader with every ranking it stores, null for a deleted one. */
    void update(String key, Ranking ranking) {
        if (ranking == null) {
            byKey.remove(key);
        } else {
            byKey.put(key, ranking);
        }
        // after the write: a reader that merged before it sees a newer version next time and merges again
        version.incrementAndGet();
    }

    /** Adds what a store scan found, unless the loader already put a (newer) value for that key. */
    void seed(Consumer<BiConsumer<String, Ranking>> scan) {
        scan.accept((key, ranking) -> {
            if (byKey.putIfAbsent(key, ranking) == null) {
                version.incrementAndGet();
            }
        });
    }

    /** The leaderboards of every partition for {@code board} ({@link Ranking#POPULAR} or {@link Ranking#TRENDING}). */
    RankedBoard merged(String board) {
        long current = version.get();
        Merged cached = merged.get(board);
        if (cached != null && cached.version() == current) {
            return cached.board();
        }
        String prefix = board + "/";
        List<Ranked> items = new ArrayList<>();
        byKey.forEach((key, ranking) -> {
            if (key.startsWith(prefix)) {
                items.addAll(ranking.items());
            }
        });
        RankedBoard result = RankedBoard.of(items);
        merged.put(board, new Merged(current, result));
        return result;
    }
}
