package io.streamrec.processor;

import java.util.List;

/**
 * What one interaction changes on the item side, for the items of one partition of the item-updates topic: the
 * user-keyed side sends one such batch per target partition and event, so a new item in a history of h items costs
 * at most min(h + 1, partitions) records rather than h + 1.
 *
 * @param partition the partition of the item-updates topic every item of {@code updates} belongs to
 * @param updates   one entry per item
 */
record ItemUpdates(int partition, List<ItemUpdate> updates) {

    /**
     * @param itemId      the item whose stats change
     * @param newUsers    1 when the item just entered a user's history (its occurrence count grows), else 0
     * @param partners    items that co-occur once more with this one (in one user's history)
     * @param weight      the event-type weight of an interaction with the item, 0 when none happened to it
     * @param eventTimeMs event time of the interaction
     */
    record ItemUpdate(String itemId, int newUsers, List<String> partners, double weight, long eventTimeMs) {
    }
}
