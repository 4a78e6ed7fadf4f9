package io.streamrec.processor.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's metrics against values worked out by hand with Recommenders' formulas. */
class RankingMetricsTest {

    @Test
    void hitsAtRanksOneAndThreeOfFourRelevantItems() {
        RankingMetrics metrics = RankingMetrics.of(
                Map.of("u", List.of("a", "x", "b", "y")), Map.of("u", Set.of("a", "b", "c", "d")), 4);

        assertThat(metrics.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.recall()).isCloseTo(0.5, within(1e-12));
        // (1 + 1/log2 4) / (1 + 1/log2 3 + 1/log2 4 + 1/log2 5)
        double idcg = 1 + 1 / log2(3) + 0.5 + 1 / log2(5);
        assertThat(metrics.ndcg()).isCloseTo(1.5 / idcg, within(1e-12));
        // (1/1 + 2/3) / 4
        assertThat(metrics.map()).isCloseTo((1 + 2.0 / 3) / 4, within(1e-12));
    }

    @Test
    void usersWithoutRecommendationsAreLeftOutOfTheAverage() {
        RankingMetrics metrics = RankingMetrics.of(
                Map.of("u", List.of("a"), "v", List.of("z")), Map.of("u", Set.of("a"), "v", Set.of("b"), "w", Set.of("c")),
                1);

        assertThat(metrics.users()).isEqualTo(2);
        assertThat(metrics.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.line("streamrec")).isEqualTo("ml-100k streamrec: P@10=0.500 R@10=0.500 nDCG@10=0.500 MAP=0.500");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
