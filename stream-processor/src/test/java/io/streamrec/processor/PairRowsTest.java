package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PairRowsTest {

    private static Map<String, Long> row(String... partners) {
        Map<String, Long> row = new HashMap<>();
        for (String partner : partners) {
            row.put(partner, 1L);
        }
        return row;
    }

    @Test
    void aHeldRowFollowsEveryNewCount() {
        PairRows rows = new PairRows(10);
        rows.hold("a", row("b"));

        rows.set("a", "b", 2);
        rows.set("a", "c", 1);
        rows.set("x", "y", 1);

        assertThat(rows.get("a")).containsOnly(Map.entry("b", 2L), Map.entry("c", 1L));
        assertThat(rows.get("x")).as("rows never scanned are not invented").isNull();
        assertThat(rows.size()).isEqualTo(2);
    }

    @Test
    void rowsBeyondTheLimitAreNotKeptAndARowGrowingPastItIsDropped() {
        PairRows rows = new PairRows(3);
        rows.hold("a", row("b", "c"));
        rows.hold("big", row("1", "2"));
        assertThat(rows.get("big")).isNull();

        rows.set("a", "d", 1);
        assertThat(rows.get("a")).hasSize(3);
        rows.set("a", "e", 1);

        assertThat(rows.get("a")).isNull();
        assertThat(rows.size()).isZero();
    }

    @Test
    void clearingForgetsEverything() {
        PairRows rows = new PairRows(10);
        rows.hold("a", row("b"));

        rows.clear();

        assertThat(rows.get("a")).isNull();
        assertThat(rows.size()).isZero();
    }
}
