package io.streamrec.sink.store;

/** An item reached through shared users, with the number of distinct users that connect it. */
public record RelatedItem(String itemId, long users) {
}
