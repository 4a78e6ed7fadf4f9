package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.ItemUpdates.PartnerGain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalSerdesTest {
    private static final RecentItems HISTORY = new RecentItems(List.of(
            new RecentItems.RecentItem("b", "purchase", 8.5, 2000),
            new RecentItems.RecentItem("ä€", "view", 1, 1000)));
    private static final ItemUpdates UPDATES = new ItemUpdates(3, List.of(
            new ItemUpdate("a", 1, List.of("b", "c"), 2.5, 1234),
            new ItemUpdate("b", 0, List.of(), 0, 1234)),
            List.of(new PartnerGain("a", List.of("d", "e"), 1234)));

    @Test
    void historiesAndItemUpdatesRoundTripInBinary() {
        BinarySerde<RecentItems> histories = InternalSerdes.histories();
        BinarySerde<ItemUpdates> updates = InternalSerdes.itemUpdates();

        byte[] history = histories.serialize("t", HISTORY);
        assertThat(history[0]).isEqualTo(BinarySerde.FORMAT_1);
        assertThat(histories.deserialize("t", history)).isEqualTo(HISTORY);
        assertThat(histories.deserialize("t", history).contains("ä€")).isTrue();
        assertThat(updates.deserialize("t", updates.serialize("t", UPDATES))).isEqualTo(UPDATES);
        assertThat(history.length).as("smaller than the JSON it replaces")
                .isLessThan(JsonSerde.of(RecentItems.class).serialize("t", HISTORY).length);
        assertThat(histories.serialize("t", null)).isNull();
        assertThat(histories.deserialize("t", null)).isNull();
    }

    @Test
    void aHistoryWhoseItemIdsAlsoNameEventTypesRoundTrips() {
        // item ids are written without a dictionary entry, types with one: the indices must still line up
        RecentItems history = new RecentItems(List.of(new RecentItems.RecentItem("view", "click", 1.5, 3),
                new RecentItems.RecentItem("click", "view", 3, 2), new RecentItems.RecentItem("a", "click", 1, 1)));
        BinarySerde<RecentItems> histories = InternalSerdes.histories();

        assertThat(histories.deserialize("t", histories.serialize("t", history))).isEqualTo(history);
    }

    @Test
    void aRepeatedStringIsWrittenOnce() {
        String item = "item-with-a-long-identifier";
        List<ItemUpdate> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            updates.add(new ItemUpdate("p" + i, 0, List.of(item), 0, 1234));
        }
        ItemUpdates batch = new ItemUpdates(0, updates, List.of());

        byte[] bytes = InternalSerdes.itemUpdates().serialize("t", batch);

        assertThat(InternalSerdes.itemUpdates().deserialize("t", bytes)).isEqualTo(batch);
        assertThat(bytes.length).as("the long id once, then 1-byte references").isLessThan(100 * (item.length() + 10));
    }

    @Test
    void aPartnerGainTakesAFractionOfTheBytesOfAnUpdatePerHistoryItem() {
        List<String> history = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "item-" + i).toList();
        ItemUpdates perItem = new ItemUpdates(0, history.stream()
                .map(item -> new ItemUpdate(item, 0, List.of("new-item"), 0, 1234)).toList(), List.of());
        ItemUpdates asGain = new ItemUpdates(0, List.of(), List.of(new PartnerGain("new-item", history, 1234)));

        int perItemBytes = InternalSerdes.itemUpdates().serialize("t", perItem).length;
        int gainBytes = InternalSerdes.itemUpdates().serialize("t", asGain).length;

        assertThat(gainBytes).as("%d bytes as a gain, %d as updates", gainBytes, perItemBytes)
                .isLessThan(perItemBytes / 3);
    }

    @Test
    void batchesWrittenBeforeGainsExistedAreStillRead() {
        ItemUpdates withoutGains = new ItemUpdates(3, UPDATES.updates(), List.of());
        byte[] current = InternalSerdes.itemUpdates().serialize("t", withoutGains);
        // the earlier layout ended after the updates, without the gains' count
        byte[] earlier = java.util.Arrays.copyOf(current, current.length - 1);

        assertThat(InternalSerdes.itemUpdates().deserialize("t", earlier)).isEqualTo(withoutGains);
    }

    @Test
    void recordsWrittenAsJsonByEarlierVersionsAreStillRead() {
        byte[] json = JsonSerde.of(RecentItems.class).serialize("t", HISTORY);
        byte[] jsonUpdates = "{\"partition\":3,\"updates\":[{\"itemId\":\"a\",\"newUsers\":1,\"partners\":[\"b\"],\"weight\":2.5,\"eventTimeMs\":1234}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(InternalSerdes.histories().deserialize("changelog", json)).isEqualTo(HISTORY);
        assertThat(InternalSerdes.itemUpdates().deserialize("topic", jsonUpdates)).isEqualTo(new ItemUpdates(3,
                List.of(new ItemUpdate("a", 1, List.of("b"), 2.5, 1234)), List.of()));
    }

    @Test
    void aCorruptRecordFailsNamingTheTopic() {
        BinarySerde<RecentItems> histories = InternalSerdes.histories();
        byte[] truncated = java.util.Arrays.copyOf(histories.serialize("t", HISTORY), 10);

        assertThatThrownBy(() -> histories.deserialize("user-histories-changelog", truncated))
                .hasMessageContaining("user-histories-changelog");
        assertThatThrownBy(() -> histories.deserialize("t", "garbage".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown format byte");
        assertThatThrownBy(() -> histories.deserialize("t", new byte[] {BinarySerde.FORMAT_1, 0x7f, 0, 0, 0}))
                .hasMessageContaining("corrupt");
    }
}
