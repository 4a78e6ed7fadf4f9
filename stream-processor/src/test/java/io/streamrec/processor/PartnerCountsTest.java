package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerCountsTest {

    private static Map<Integer, Long> counts(PartnerCounts counts) {
        Map<Integer, Long> seen = new HashMap<>();
        counts.forEach((partner, count, changed) -> assertThat(seen.put(partner, count)).as("each partner once").isNull());
        return seen;
    }

    private static Set<Integer> changed(PartnerCounts counts) {
        Set<Integer> changed = new HashSet<>();
        counts.forEach((partner, count, isChanged) -> {
            if (isChanged) {
                changed.add(partner);
            }
        });
        return changed;
    }

    @Test
    void countsLikeAMapThroughEveryGrowth() {
        PartnerCounts counts = new PartnerCounts(1);
        Map<Integer, Long> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            int partner = random.nextInt(5_000) * 31;
            long delta = 1 + random.nextInt(3);
            assertThat(counts.add(partner, delta)).isEqualTo(expected.merge(partner, delta, Long::sum));
        }

        assertThat(counts(counts)).isEqualTo(expected);
        assertThat(counts.size()).isEqualTo(expected.size());
        assertThat(changed(counts)).as("every added count is changed, through every growth")
                .isEqualTo(expected.keySet());
    }

    @Test
    void partnerZeroIsAPartnerLikeAnyOther() {
        PartnerCounts counts = new PartnerCounts(4);

        counts.add(0, 2);
        counts.add(0, 1);

        assertThat(counts(counts)).containsOnly(Map.entry(0, 3L));
    }

    @Test
    void onlyCountsAddedSinceTheLastWriteAreChanged() {
        PartnerCounts counts = new PartnerCounts(4);
        counts.add(1, 1);
        counts.add(2, 1);
        counts.markWritten();

        counts.add(2, 1);
        counts.raise(3, 7);

        assertThat(changed(counts)).as("a count read back from the store is not a change").containsOnly(2);
        assertThat(counts(counts)).containsOnly(Map.entry(1, 1L), Map.entry(2, 2L), Map.entry(3, 7L));
    }

    @Test
    void raisingKeepsTheHigherCountAndTheChangedFlag() {
        PartnerCounts counts = new PartnerCounts(4);
        counts.add(1, 5);

        counts.raise(1, 3);
        assertThat(counts(counts)).as("a lower stored count is an older one").containsOnly(Map.entry(1, 5L));
        counts.raise(1, 9);

        assertThat(counts(counts)).containsOnly(Map.entry(1, 9L));
        assertThat(changed(counts)).containsOnly(1);
    }

    @Test
    void aPartnerNumberBeyondTheSlotLayoutIsRefusedRatherThanWrapped() {
        PartnerCounts counts = new PartnerCounts(4);
        counts.add(PartnerCounts.MAX_PARTNERS - 1, 1);

        assertThatThrownBy(() -> counts.add(PartnerCounts.MAX_PARTNERS, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(counts(counts)).containsOnly(Map.entry(PartnerCounts.MAX_PARTNERS - 1, 1L));
    }

    @Test
    void aCountBeyondTheSlotLayoutIsRefusedRatherThanWrapped() {
        PartnerCounts counts = new PartnerCounts(4);

        assertThatThrownBy(() -> counts.add(1, 1L << 35)).isInstanceOf(ArithmeticException.class);
        counts.add(1, (1L << 35) - 1);
        assertThatThrownBy(() -> counts.add(1, 1)).isInstanceOf(ArithmeticException.class);
    }
}
