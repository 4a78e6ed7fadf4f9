package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecentItemsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final double HOUR = 3_600_000;
    private static final int CAPACITY = 5;

    private static RecentItems add(RecentItems history, String item, double weight, long at) {
        return history.with(item, "view", weight, at, HOUR, CAPACITY);
    }

    @Test
    void theLatestItemComesFirstAndAppearsOnce() {
        RecentItems recent = add(add(add(RecentItems.empty(), "a", 1, T0), "b", 1, T0 + 1000), "a", 1, T0 + 2000);

        assertThat(recent.items()).extracting(RecentItems.RecentItem::itemId).containsExactly("a", "b");
        assertThat(recent.items().get(0).lastSeenMs()).isEqualTo(T0 + 2000);
        assertThat(recent.latestMs()).isEqualTo(T0 + 2000);
        assertThat(recent.contains("b")).isTrue();
        assertThat(recent.contains("c")).isFalse();
    }

    @Test
    void lookupsAnswerTheSameBeforeAndAfterTheHistoryIsIndexed() {
        RecentItems recent = add(add(RecentItems.empty(), "a", 1, T0), "b", 1, T0 + 1000);
        for (int lookup = 0; lookup < 4; lookup++) {
            assertThat(recent.contains("a")).as("lookup %d", lookup).isTrue();
            assertThat(recent.contains("c")).as("lookup %d", lookup).isFalse();
        }
    }

    @Test
    void theHistoryKeepsOnlyTheMostRecentItems() {
        RecentItems recent = RecentItems.empty();
        for (int i = 0; i < CAPACITY + 3; i++) {
            recent = add(recent, "i" + i, 1, T0 + i);
        }

        assertThat(recent.items()).hasSize(CAPACITY);
        assertThat(recent.items().get(0).itemId()).isEqualTo("i" + (CAPACITY + 2));
        assertThat(recent.contains("i2")).isFalse();
        assertThat(recent.contains("i3")).isTrue();
    }

    @Test
    void affinityAddsTheEventWeightsHalvedPerHalfLifeOfAge() {
        RecentItems recent = add(add(RecentItems.empty(), "a", 4, T0), "a", 8, T0 + (long) HOUR);

        RecentItems.RecentItem a = recent.items().get(0);
        assertThat(a.affinity()).as("4 halved once, plus 8").isCloseTo(10, within(1e-9));
        assertThat(a.affinityAt(T0 + 2 * (long) HOUR, HOUR)).isCloseTo(5, within(1e-9));
    }

    @Test
    void aLateEventAddsItsDecayedWeightWithoutMovingLastSeenBack() {
        RecentItems recent = add(add(RecentItems.empty(), "a", 1, T0), "a", 2, T0 - (long) HOUR);

        RecentItems.RecentItem a = recent.items().get(0);
        assertThat(a.lastSeenMs()).isEqualTo(T0);
        assertThat(a.affinity()).isCloseTo(2, within(1e-9));
    }

    @Test
    void theSerdeRoundTripsAndNamesTheTopicOfABadRecord() {
        JsonSerde<RecentItems> serde = JsonSerde.of(RecentItems.class);
        RecentItems recent = add(add(RecentItems.empty(), "a", 1, T0), "b", 2, T0 + 1000);

        assertThat(serde.deserialize("t", serde.serialize("t", recent))).isEqualTo(recent);
        assertThat(serde.serialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("changelog", "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("changelog");
    }

    @Test
    void theSerdeIgnoresFieldsAddedByALaterVersion() {
        String stored = "{\"items\":[{\"itemId\":\"a\",\"lastType\":\"view\",\"affinity\":2.5,\"lastSeenMs\":5,"
                + "\"extra\":1}],\"segment\":\"vip\"}";

        RecentItems recent = JsonSerde.of(RecentItems.class).deserialize("t", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(recent.items()).containsExactly(new RecentItems.RecentItem("a", "view", 2.5, 5));
    }
}
