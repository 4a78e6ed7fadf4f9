package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** The counts handed out by one increment call, as "item/partner=count". */
    private static List<String> row(PairRows rows, String itemId, String... partners) {
        List<String> counted = new ArrayList<>();
        rows.incrementRow(itemId, List.of(partners),
                (item, partner, count) -> counted.add(item + "/" + partner + "=" + count));
        return counted;
    }

    private static List<String> column(PairRows rows, String partner, String... itemIds) {
        List<String> counted = new ArrayList<>();
        rows.incrementColumn(List.of(itemIds), partner, (item, p, count) -> counted.add(item + "/" + p + "=" + count));
        return counted;
    }

    private static Map<String, Long> held(PairRows rows, String itemId) {
        Map<String, Long> row = new HashMap<>();
        return rows.forEach(itemId, row::put) ? row : null;
    }

    @Test
    void aHeldRowFollowsEveryIncrement() {
        PairRows rows = new PairRows(10);
        rows.hold("a", row("b"));

        assertThat(row(rows, "a", "b", "c")).as("a held row is complete: a new partner starts at 1")
                .containsExactly("a/b=2", "a/c=1");
        assertThat(row(rows, "x", "y")).as("not held: the store has the count").containsExactly("x/y=-1");

        assertThat(held(rows, "a")).containsOnly(Map.entry("b", 2L), Map.entry("c", 1L));
        assertThat(held(rows, "x")).as("rows never scanned are not invented").isNull();
        assertThat(rows.size()).isEqualTo(2);
    }

    @Test
    void rowsSharePartnerNumbersWithoutMixingTheirCounts() {
        PairRows rows = new PairRows(100);
        rows.hold("a", row("c"));
        rows.hold("b", Map.of("c", 5L));

        assertThat(column(rows, "c", "a", "x")).containsExactly("a/c=2", "x/c=-1");
        assertThat(column(rows, "a", "b")).containsExactly("b/a=1");

        assertThat(held(rows, "a")).containsOnly(Map.entry("c", 2L));
        assertThat(held(rows, "b")).containsOnly(Map.entry("c", 5L), Map.entry("a", 1L));
    }

    @Test
    void rowsBeyondTheLimitAreNotKeptAndARowGrowingPastItIsDropped() {
        PairRows rows = new PairRows(3);
        rows.hold("a", row("b", "c"));
        rows.hold("big", row("1", "2"));
        assertThat(held(rows, "big")).isNull();

        row(rows, "a", "d");
        assertThat(held(rows, "a")).hasSize(3);
        assertThat(row(rows, "a", "e", "b")).as("the count that drops the row is handed out; then the store counts")
                .containsExactly("a/e=1", "a/b=-1");

        assertThat(held(rows, "a")).isNull();
        assertThat(rows.size()).isZero();
    }

    @Test
    void clearingForgetsEverything() {
        PairRows rows = new PairRows(10);
        rows.hold("a", row("b"));

        rows.clear();

        assertThat(held(rows, "a")).isNull();
        assertThat(column(rows, "b", "a")).containsExactly("a/b=-1");
        assertThat(rows.size()).isZero();
    }
}
