package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentItemsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theLatestItemComesFirstAndAppearsOnce() {
        RecentItems recent = RecentItems.empty().with("a", T0).with("b", T0.plusSeconds(1)).with("a", T0.plusSeconds(2));

        assertThat(recent.items()).extracting(RecentItems.RecentItem::itemId).containsExactly("a", "b");
        assertThat(recent.items().get(0).lastSeenMs()).isEqualTo(T0.plusSeconds(2).toEpochMilli());
        assertThat(recent.contains("b")).isTrue();
        assertThat(recent.contains("c")).isFalse();
    }

    @Test
    void theHistoryKeepsOnlyTheMostRecentItems() {
        RecentItems recent = RecentItems.empty();
        for (int i = 0; i < RecentItems.CAPACITY + 5; i++) {
            recent = recent.with("i" + i, T0.plusSeconds(i));
        }

        assertThat(recent.items()).hasSize(RecentItems.CAPACITY);
        assertThat(recent.items().get(0).itemId()).isEqualTo("i" + (RecentItems.CAPACITY + 4));
        assertThat(recent.contains("i4")).isFalse();
        assertThat(recent.contains("i5")).isTrue();
    }

    @Test
    void aLateEventDoesNotMoveLastSeenBack() {
        RecentItems recent = RecentItems.empty().with("a", T0).with("a", T0.minusSeconds(60));

        assertThat(recent.items()).singleElement().extracting(RecentItems.RecentItem::lastSeenMs)
                .isEqualTo(T0.toEpochMilli());
    }

    @Test
    void theSerdeRoundTripsAndNamesTheTopicOfABadRecord() {
        RecentItemsSerde serde = new RecentItemsSerde();
        RecentItems recent = RecentItems.empty().with("a", T0).with("b", T0.plusSeconds(1));

        assertThat(serde.deserialize("t", serde.serialize("t", recent))).isEqualTo(recent);
        assertThat(serde.serialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("changelog", "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("changelog");
    }

    @Test
    void theSerdeIgnoresFieldsAddedByALaterVersion() {
        String stored = "{\"items\":[{\"itemId\":\"a\",\"lastSeenMs\":5,\"weight\":2.5}],\"segment\":\"vip\"}";

        RecentItems recent = new RecentItemsSerde().deserialize("t", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(recent.items()).containsExactly(new RecentItems.RecentItem("a", 5));
    }
}
