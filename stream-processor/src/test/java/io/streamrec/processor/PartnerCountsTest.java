package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerCountsTest {

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

        Map<Integer, Long> seen = new HashMap<>();
        counts.forEach((partner, count) -> assertThat(seen.put(partner, count)).as("each partner once").isNull());
        assertThat(seen).isEqualTo(expected);
        assertThat(counts.size()).isEqualTo(expected.size());
    }

    @Test
    void partnerZeroIsAPartnerLikeAnyOther() {
        PartnerCounts counts = new PartnerCounts(4);

        counts.add(0, 2);
        counts.add(0, 1);

        Map<Integer, Long> seen = new HashMap<>();
        counts.forEach(seen::put);
        assertThat(seen).containsOnly(Map.entry(0, 3L));
    }

    @Test
    void aPartnerNumberBeyondTheSlotLayoutIsRefusedRatherThanWrapped() {
        PartnerCounts counts = new PartnerCounts(4);
        counts.add(PartnerCounts.MAX_PARTNERS - 1, 1);

        assertThatThrownBy(() -> counts.add(PartnerCounts.MAX_PARTNERS, 1)).isInstanceOf(IllegalArgumentException.class);
        Map<Integer, Long> seen = new HashMap<>();
        counts.forEach(seen::put);
        assertThat(seen).containsOnly(Map.entry(PartnerCounts.MAX_PARTNERS - 1, 1L));
    }
}
