package io.streamrec.schemas;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VertexAttributesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void onlyEntriesUnderThePrefixBecomeAttributesStampedWithTheEventTime() {
        VertexAttributes.Extracted item = VertexAttributes.fromContext(Map.of(
                "item.name", "Red shoe", "item.category", "shoes", "user.country", "FR", "page", "/home"),
                VertexAttributes.ITEM_PREFIX, T0);

        assertThat(item.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", new AttributeValue("Red shoe", T0), "category", new AttributeValue("shoes", T0)));
        assertThat(item.ignored()).isZero();
    }

    @Test
    void entriesOutsideTheLimitsAreIgnoredAndCounted() {
        Map<String, String> context = new HashMap<>();
        context.put("user.", "no name");
        context.put("user.has space", "x");
        context.put("user." + "n".repeat(VertexAttributes.MAX_NAME_LENGTH + 1), "x");
        context.put("user.long", "v".repeat(VertexAttributes.MAX_VALUE_LENGTH + 1));
        context.put("user.ok_name-1.x", "v".repeat(VertexAttributes.MAX_VALUE_LENGTH));
        context.put("user." + "n".repeat(VertexAttributes.MAX_NAME_LENGTH), "");

        VertexAttributes.Extracted user = VertexAttributes.fromContext(context, VertexAttributes.USER_PREFIX, T0);

        assertThat(user.attributes()).containsOnlyKeys("ok_name-1.x", "n".repeat(VertexAttributes.MAX_NAME_LENGTH));
        assertThat(user.ignored()).isEqualTo(4);
    }

    @Test
    void theNewerTimeWinsAndATieGoesToTheLargerValue() {
        AttributeValue older = new AttributeValue("zeta", T0);
        AttributeValue newer = new AttributeValue("alpha", T0.plusMillis(1));
        AttributeValue tie = new AttributeValue("beta", T0.plusMillis(1));

        assertThat(VertexAttributes.merge(Map.of("c", older), Map.of("c", newer))).containsEntry("c", newer);
        assertThat(VertexAttributes.merge(Map.of("c", newer), Map.of("c", older))).containsEntry("c", newer);
        assertThat(VertexAttributes.merge(Map.of("c", newer), Map.of("c", tie))).containsEntry("c", tie);
        assertThat(VertexAttributes.merge(Map.of("c", tie), Map.of("c", newer))).containsEntry("c", tie);
    }

    @Test
    void beyondTheCapTheAlphabeticallyFirstNamesAreKept() {
        Map<String, AttributeValue> many = new HashMap<>();
        for (int i = 0; i < VertexAttributes.MAX_PER_VERTEX + 5; i++) {
            many.put(String.format("a%03d", i), new AttributeValue("v", T0));
        }

        Map<String, AttributeValue> merged = VertexAttributes.merge(Map.of("zzz", new AttributeValue("v", T0)), many);

        assertThat(merged).hasSize(VertexAttributes.MAX_PER_VERTEX).doesNotContainKey("zzz")
                .containsKey("a000").containsKey(String.format("a%03d", VertexAttributes.MAX_PER_VERTEX - 1));
    }

    @Test
    void invalidEntriesAreDroppedFromEitherSide() {
        AttributeValue huge = new AttributeValue("v".repeat(VertexAttributes.MAX_VALUE_LENGTH + 1), T0);

        assertThat(VertexAttributes.merge(Map.of("a", huge), Map.of("b b", new AttributeValue("v", T0))))
                .isEmpty();
    }

    @Test
    void anyOrderAndAnyRepetitionOfTheSameUpdatesGivesTheSameAttributes() {
        Random random = new Random(42);
        List<Map<String, AttributeValue>> updates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            updates.add(Map.of("n" + random.nextInt(40),
                    new AttributeValue("v" + random.nextInt(5), T0.plusMillis(random.nextInt(4)))));
        }
        Map<String, AttributeValue> expected = fold(updates);

        for (int round = 0; round < 20; round++) {
            List<Map<String, AttributeValue>> shuffled = new ArrayList<>(updates);
            shuffled.addAll(updates.subList(0, round));
            Collections.shuffle(shuffled, random);
            assertThat(fold(shuffled)).isEqualTo(expected);
        }
        assertThat(expected).hasSize(VertexAttributes.MAX_PER_VERTEX);
    }

    private static Map<String, AttributeValue> fold(List<Map<String, AttributeValue>> updates) {
        Map<String, AttributeValue> merged = Map.of();
        for (Map<String, AttributeValue> update : updates) {
            merged = VertexAttributes.merge(merged, update);
        }
        return merged;
    }
}
