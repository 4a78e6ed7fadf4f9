package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.ItemUpdates.PartnerGain;
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
            out.writeDistinctString(item.itemId());
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
            writeStrings(out, update.partners());
            out.writeDouble(update.weight());
            out.writeLong(update.eventTimeMs());
        }
        out.writeVarInt(batch.gains().size());
        for (PartnerGain gain : batch.gains()) {
            out.writeString(gain.partner());
            writeStrings(out, gain.items());
            out.writeLong(gain.eventTimeMs());
        }
    }

    private static void writeStrings(CompactWriter out, List<String> strings) {
        out.writeVarInt(strings.size());
        for (String string : strings) {
            out.writeString(string);
        }
    }

    private static List<String> readStrings(CompactReader in) {
        int count = in.readCount();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(in.readString());
        }
        return strings;
    }

    private static ItemUpdates readUpdates(CompactReader in) {
        int partition = in.readVarInt();
        int size = in.readCount();
        List<ItemUpdate> updates = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String itemId = in.readString();
            int newUsers = in.readVarInt();
            List<String> partners = readStrings(in);
            updates.add(new ItemUpdate(itemId, newUsers, partners, in.readDouble(), in.readLong()));
        }
        // batches written before gains existed end here
        List<PartnerGain> gains = new ArrayList<>();
        if (!in.atEnd()) {
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                gains.add(new PartnerGain(in.readString(), readStrings(in), in.readLong()));
            }
        }
        return new ItemUpdates(partition, updates, gains);
    }
}
