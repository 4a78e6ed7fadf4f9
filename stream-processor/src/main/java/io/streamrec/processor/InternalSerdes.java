package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.RecentItems.RecentItem;

import java.util.ArrayList;
import java.util.List;

/** The binary forms ({@link BinarySerde}) of user histories and item-update batches. */
final class InternalSerdes {
    private InternalSerdes() {
    }

    static BinarySerde<RecentItems> histories() {
        return BinarySerde.of(RecentItems.class, InternalSerdes::writeHistory, InternalSerdes::readHistory);
    }

    static BinarySerde<ItemUpdates> itemUpdates() {
        return BinarySerde.of(ItemUpdates.class, InternalSerdes::writeUpdates, InternalSerdes::readUpdates);
    }

    private static void writeHistory(CompactWriter out, RecentItems history) {
        out.writeVarInt(history.items().size());
        for (RecentItem item : history.items()) {
            out.writeString(item.itemId());
            out.writeString(item.lastType());
            out.writeDouble(item.affinity());
            out.writeLong(item.lastSeenMs());
        }
    }

    private static RecentItems readHistory(CompactReader in) {
        int size = in.readCount();
        List<RecentItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(new RecentItem(in.readString(), in.readString(), in.readDouble(), in.readLong()));
        }
        return new RecentItems(items);
    }

    private static void writeUpdates(CompactWriter out, ItemUpdates batch) {
        out.writeVarInt(batch.partition());
        out.writeVarInt(batch.updates().size());
        for (ItemUpdate update : batch.updates()) {
            out.writeString(update.itemId());
            out.writeVarInt(update.newUsers());
            out.writeVarInt(update.partners().size());
            for (String partner : update.partners()) {
                out.writeString(partner);
            }
            out.writeDouble(update.weight());
            out.writeLong(update.eventTimeMs());
        }
    }

    private static ItemUpdates readUpdates(CompactReader in) {
        int partition = in.readVarInt();
        int size = in.readCount();
        List<ItemUpdate> updates = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String itemId = in.readString();
            int newUsers = in.readVarInt();
            int partnerCount = in.readCount();
            List<String> partners = new ArrayList<>(partnerCount);
            for (int p = 0; p < partnerCount; p++) {
                partners.add(in.readString());
            }
            updates.add(new ItemUpdate(itemId, newUsers, partners, in.readDouble(), in.readLong()));
        }
        return new ItemUpdates(partition, updates);
    }
}
