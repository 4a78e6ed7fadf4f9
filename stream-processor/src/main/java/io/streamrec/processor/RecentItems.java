package io.streamrec.processor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's history: the distinct items the user interacted with most recently, most recent first, at most
 * {@code capacity} of them, each with its last event type, its time-decayed affinity and its last time. Bounded so
 * that the work per event does not grow with a user's age.
 *
 * <p>Indexed by item once looked up more than twice: the seen filter asks {@link #contains} for every candidate of
 * every recommendation (thousands per emit), and a linear scan of the history for each was the largest cost of
 * scoring, while an update looks up its item twice, where building the index cost more than scanning. A value class
 * rather than a record for that reason; equality is still that of the items. Not thread-safe: a history is used by
 * its task's thread only.
 */
final class RecentItems {

    /**
     * An item in a user's history.
     *
     * @param itemId     the item
     * @param lastType   the type of the user's latest interaction with it
     * @param affinity   sum of the event-type weights of the user's interactions with it, each halved per half-life
     *                   of age, as of {@code lastSeenMs} (SAR's time-decayed affinity)
     * @param lastSeenMs event time of the latest interaction, epoch milliseconds
     */
    record RecentItem(String itemId, String lastType, double affinity, long lastSeenMs) {
        /** The affinity as of {@code atMs}: decayed from {@code lastSeenMs}. */
        double affinityAt(long atMs, double halfLifeMs) {
            return affinity * Math.pow(2, -(atMs - lastSeenMs) / halfLifeMs);
        }
    }

    /** Lookups answered by a scan before the index is built: an update looks up twice, scoring thousands of times. */
    private static final int SCANNED_LOOKUPS = 2;

    private final List<RecentItem> items;
    private Map<String, RecentItem> byItemId;
    private int lookups;

    /** @param items most recent first, no item twice */
    @JsonCreator
    RecentItems(@JsonProperty("items") List<RecentItem> items) {
        this.items = List.copyOf(items);
    }

    /** Most recent first, no item twice. */
    @JsonProperty("items")
    List<RecentItem> items() {
        return items;
    }

    static RecentItems empty() {
        return new RecentItems(List.of());
    }

    /**
     * This history after an interaction: the item first, its affinity decayed to the newer of the two times plus
     * {@code weight} (decayed too when the event is late), the least recent item dropped beyond {@code capacity}.
     */
    RecentItems with(String itemId, String type, double weight, long atMs, double halfLifeMs, int capacity) {
        List<RecentItem> next = new ArrayList<>(Math.min(items.size() + 1, capacity));
        RecentItem previous = find(itemId);
        RecentItem updated;
        if (previous == null) {
            updated = new RecentItem(itemId, type, weight, atMs);
        } else if (atMs >= previous.lastSeenMs()) {
            updated = new RecentItem(itemId, type, previous.affinityAt(atMs, halfLifeMs) + weight, atMs);
        } else {
            // a late event must not move lastSeen back; it counts as much as its age says
            double late = weight * Math.pow(2, -(previous.lastSeenMs() - atMs) / halfLifeMs);
            updated = new RecentItem(itemId, previous.lastType(), previous.affinity() + late, previous.lastSeenMs());
        }
        next.add(updated);
        for (RecentItem item : items) {
            if (next.size() == capacity) {
                break;
            }
            if (!item.itemId().equals(itemId)) {
                next.add(item);
            }
        }
        return new RecentItems(next);
    }

    boolean contains(String itemId) {
        return find(itemId) != null;
    }

    /** Time of the user's latest interaction, the reference time of affinities; 0 when empty. */
    long latestMs() {
        return items.stream().mapToLong(RecentItem::lastSeenMs).max().orElse(0);
    }

    private RecentItem find(String itemId) {
        if (byItemId == null && lookups++ < SCANNED_LOOKUPS) {
            for (RecentItem item : items) {
                if (item.itemId().equals(itemId)) {
                    return item;
                }
            }
            return null;
        }
        if (byItemId == null) {
            byItemId = new HashMap<>(items.size() * 2);
            for (RecentItem item : items) {
                byItemId.putIfAbsent(item.itemId(), item);
            }
        }
        return byItemId.get(itemId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentItems that && items.equals(that.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "RecentItems[items=" + items + "]";
    }
}
