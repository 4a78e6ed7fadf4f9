package io.streamrec.processor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct items a user interacted with most recently, most recent first, at most {@link #CAPACITY}: the
 * bounded per-user history the recommender reads, so that the work per event does not grow with a user's age.
 *
 * @param items most recent first, no item twice
 */
record RecentItems(List<RecentItem> items) {
    /** Enough to filter what a user just saw and to seed item-to-item candidates; small enough to rewrite per event. */
    static final int CAPACITY = 50;

    /** An item and when the user last interacted with it (event time, epoch milliseconds). */
    record RecentItem(String itemId, long lastSeenMs) {
    }

    RecentItems {
        items = List.copyOf(items);
    }

    static RecentItems empty() {
        return new RecentItems(List.of());
    }

    /** This history after an interaction with {@code itemId} at {@code at}: that item first, the oldest dropped. */
    RecentItems with(String itemId, Instant at) {
        List<RecentItem> next = new ArrayList<>(Math.min(items.size() + 1, CAPACITY));
        long lastSeenMs = at.toEpochMilli();
        for (RecentItem item : items) {
            if (item.itemId().equals(itemId)) {
                // an event arriving late must not move lastSeen back
                lastSeenMs = Math.max(lastSeenMs, item.lastSeenMs());
            }
        }
        next.add(new RecentItem(itemId, lastSeenMs));
        for (RecentItem item : items) {
            if (next.size() == CAPACITY) {
                break;
            }
            if (!item.itemId().equals(itemId)) {
                next.add(item);
            }
        }
        return new RecentItems(next);
    }

    boolean contains(String itemId) {
        for (RecentItem item : items) {
            if (item.itemId().equals(itemId)) {
                return true;
            }
        }
        return false;
    }
}
