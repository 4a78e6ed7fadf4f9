package io.streamrec.processor;

import java.util.List;

/**
 * What one interaction changes on the item side, for the items of one partition of the item-updates topic: the
 * user-keyed side sends one such batch per target partition and event, so a new item in a history of h items costs
 * at most min(h + 1, partitions) records rather than h + 1.
 *
 * @param partition the partition of the item-updates topic every item of {@code updates} and {@code gains} belongs to
 * @param updates   one entry per item whose stats change
 * @param gains     the reverse direction of co-occurrences: items that co-occur once more with a partner elsewhere;
 *                  empty in batches written before this field existed
 */
record ItemUpdates(int partition, List<ItemUpdate> updates, List<PartnerGain> gains) {

    ItemUpdates {
        gains = gains == null ? List.of() : gains;
    }

    /**
     * @param itemId      the item whose stats change
     * @param newUsers    1 when the item just entered a user's history (its occurrence count grows), else 0
     * @param partners    items that co-occur once more with this one (in one user's history)
     * @param weight      the event-type weight of an interaction with the item, 0 when none happened to it
     * @param eventTimeMs event time of the interaction
     */
    record ItemUpdate(String itemId, int newUsers, List<String> partners, double weight, long eventTimeMs) {
    }

    /**
     * Each of {@code items} co-occurs once more with {@code partner}: one entry for all the history items of a
     * partition, where an {@link ItemUpdate} per item repeated the partner, the time and empty stats for each: over
     * three times the bytes for a 200-item history, and most of the item-updates topic on long histories.
     *
     * @param partner     the item that just entered a user's history
     * @param items       the items already in that history, of this batch's partition
     * @param eventTimeMs event time of the interaction
     */
    record PartnerGain(String partner, List<String> items, long eventTimeMs) {
    }
}
