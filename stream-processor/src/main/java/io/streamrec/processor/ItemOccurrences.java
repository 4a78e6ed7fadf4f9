package io.streamrec.processor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every item's occurrence count as of its last published row, in memory, shared by the tasks of one instance. The
 * item side needs the partner's count c(j) for each pair when it ranks a row's neighbours; reading and decoding
 * the partner's whole row from the global store for that made publication cost a row decode per pair. This map
 * costs one entry (item id and a long) per item per instance. It is filled as rows arrive in the global store; until
 * then (after a restart) the item side falls back to its own store or the pair count.
 */
final class ItemOccurrences {
    private final Map<String, Long> byItem = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    void record(String itemId, long occurrences) {
        Long previous = byItem.put(itemId, occurrences);
        if (previous == null || previous != occurrences) {
            // after the write: whoever read the older version recomputes and sees this count
            version.incrementAndGet();
        }
    }

    /** The item's count as last published, or -1 when none has reached this instance. */
    long of(String itemId) {
        return byItem.getOrDefault(itemId, -1L);
    }

    /** Changes whenever some item's count does: what is computed from counts of an older version may be stale. */
    long version() {
        return version.get();
    }
}
