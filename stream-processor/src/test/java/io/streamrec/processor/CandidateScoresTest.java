package io.streamrec.processor;

import io.streamrec.schemas.RecommendedItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CandidateScoresTest {

    private static List<String> ids(List<RecommendedItem> items) {
        return items.stream().map(RecommendedItem::getItemId).toList();
    }

    @Test
    void keepsTheNBestInOrderWithTiesByItemIdWhateverTheInsertionOrder() {
        CandidateScores scores = new CandidateScores();
        // inserted worst first and with ties, so that the bounded selection has to replace kept items
        for (int i = 0; i < 100; i++) {
            scores.add("i" + (100 + i), CandidateSource.SIMILAR, i / 10);
        }
        scores.add("a", CandidateSource.POPULAR, 9);
        scores.add("a", CandidateSource.SIMILAR, 1);

        List<RecommendedItem> top = scores.top(4, Set.of()::contains);

        assertThat(ids(top)).containsExactly("a", "i190", "i191", "i192");
        assertThat(top.get(0).getScore()).isEqualTo(10.0);
        assertThat(top.get(0).getSources()).containsOnlyKeys("popular", "similar");
    }

    @Test
    void excludedAndZeroScoredItemsAreLeftOut() {
        CandidateScores scores = new CandidateScores();
        scores.add("seen", CandidateSource.SIMILAR, 5);
        scores.add("off", CandidateSource.TRENDING, 0);
        scores.add("b", CandidateSource.SIMILAR, 1);

        assertThat(ids(scores.top(10, Set.of("seen")::contains))).containsExactly("b");
        assertThat(scores.top(0, Set.of()::contains)).isEmpty();
    }

    @Test
    void attributionNamesEverySourceThatContributedEvenZeroAndNoOther() {
        CandidateScores scores = new CandidateScores();
        scores.add("x", CandidateSource.SIMILAR, 0.25);
        scores.add("x", CandidateSource.SIMILAR, 0.5);
        scores.add("x", CandidateSource.PINNED, 0);

        RecommendedItem x = scores.top(1, Set.of()::contains).get(0);

        assertThat(x.getSources()).containsOnly(entry("similar", 0.75), entry("pinned", 0.0));
        assertThat(x.getScore()).isEqualTo(0.75);
    }
}
