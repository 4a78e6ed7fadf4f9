package io.streamrec.processor;

import io.streamrec.processor.NeighbourRow.Neighbour;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scored rows are shared while exact, and recomputed as soon as the row or any item's count changes. */
class SimilarityRowsTest {
    private static final Strategy JACCARD = Strategy.parse("s", "{\"similarity\": \"jaccard\"}");
    private static final Strategy COOCCURRENCE = Strategy.parse("s", "{\"similarity\": \"cooccurrence\"}");

    private final ItemOccurrences occurrences = new ItemOccurrences();
    private final SimilarityRows rows = new SimilarityRows(occurrences, 10);
    private NeighbourRow current = new NeighbourRow("a", 10, 0, 0, List.of(new Neighbour("b", 5, 10)));

    private SimilarityRows.Scored scoredUnder(Strategy strategy) {
        return rows.of("a", strategy, Map.of("a", current)::get);
    }

    @Test
    void theSameRowUnderTheSameMeasureIsScoredOnce() {
        SimilarityRows.Scored first = scoredUnder(JACCARD);

        assertThat(scoredUnder(JACCARD)).isSameAs(first);
        assertThat(first.similarities()).containsExactly(5.0 / 15);
        assertThat(scoredUnder(COOCCURRENCE).similarities()).containsExactly(5.0);
    }

    @Test
    void aNewerRowOrAChangedCountIsScoredAgain() {
        SimilarityRows.Scored first = scoredUnder(JACCARD);

        occurrences.record("b", 20);
        SimilarityRows.Scored afterCount = scoredUnder(JACCARD);
        assertThat(afterCount).isNotSameAs(first);
        assertThat(afterCount.similarities()).containsExactly(5.0 / 25);

        occurrences.record("b", 20);
        assertThat(scoredUnder(JACCARD)).as("an unchanged count keeps the entry").isSameAs(afterCount);

        current = new NeighbourRow("a", 10, 0, 0, List.of(new Neighbour("b", 10, 20)));
        assertThat(scoredUnder(JACCARD).similarities()).containsExactly(10.0 / 20);
    }

    @Test
    void anItemWithoutARowHasNoScores() {
        assertThat(rows.of("unknown", JACCARD, item -> null)).isNull();
    }
}
