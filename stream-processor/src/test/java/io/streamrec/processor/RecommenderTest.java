package io.streamrec.processor;

import io.streamrec.schemas.RecommendedItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The walking-skeleton scoring: pinned candidates, filters and top N. */
class RecommenderTest {
    private static final Predicate<String> NOTHING_SEEN = item -> false;

    @Test
    void pinnedItemsKeepTheirOrderWithScoresFallingByPosition() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"pinned": 4}, "pinned": {"default": ["a", "b", "c", "d"]}}""");

        List<RecommendedItem> items = Recommender.recommend(strategy, "default", NOTHING_SEEN);

        assertThat(items).extracting(RecommendedItem::getItemId).containsExactly("a", "b", "c", "d");
        assertThat(items).extracting(RecommendedItem::getScore).containsExactly(4.0, 3.0, 2.0, 1.0);
        assertThat(items.get(0).getSources()).containsExactlyEntriesOf(Map.of("pinned", 4.0));
    }

    @Test
    void onlyTheUsersSegmentIsPinned() {
        Strategy strategy = Strategy.parse("s", """
                {"pinned": {"default": ["a"], "vip": ["v"]}}""");

        assertThat(Recommender.recommend(strategy, "vip", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("v");
        assertThat(Recommender.recommend(strategy, "new-segment", NOTHING_SEEN)).isEmpty();
    }

    @Test
    void seenItemsAreLeftOutWhenTheStrategySaysSo() {
        String pinned = "\"pinned\": {\"default\": [\"a\", \"b\", \"c\"]}";
        Predicate<String> seen = Set.of("b")::contains;

        assertThat(Recommender.recommend(Strategy.parse("s", "{" + pinned + ", \"filterSeen\": true}"), "default", seen))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "c");
        assertThat(Recommender.recommend(Strategy.parse("s", "{" + pinned + ", \"filterSeen\": false}"), "default", seen))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "b", "c");
    }

    @Test
    void excludedItemsAreAlwaysLeftOut() {
        Strategy strategy = Strategy.parse("s", """
                {"filterSeen": false, "excludedItems": ["b"], "pinned": {"default": ["a", "b", "c"]}}""");

        assertThat(Recommender.recommend(strategy, "default", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "c");
    }

    @Test
    void atMostTopNItemsAreKeptTheBestOnes() {
        Strategy strategy = Strategy.parse("s", """
                {"topN": 2, "pinned": {"default": ["a", "b", "c"]}}""");

        assertThat(Recommender.recommend(strategy, "default", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "b");
    }

    @Test
    void aSourceWeightedZeroIsSwitchedOff() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"pinned": 0}, "pinned": {"default": ["a", "b"]}}""");

        assertThat(Recommender.recommend(strategy, "default", NOTHING_SEEN)).isEmpty();
    }

    @Test
    void contributionsOfOneSourceAddUpAndEqualScoresRankByItemId() {
        CandidateScores candidates = new CandidateScores();
        candidates.add("z", CandidateSource.PINNED, 1.0);
        candidates.add("y", CandidateSource.PINNED, 0.5);
        candidates.add("y", CandidateSource.PINNED, 0.5);
        candidates.add("x", CandidateSource.POPULAR, 2.0);

        List<RecommendedItem> items = candidates.top(10, item -> false);

        assertThat(items).extracting(RecommendedItem::getItemId).containsExactly("x", "y", "z");
        assertThat(items.get(1).getSources()).containsExactlyEntriesOf(Map.of("pinned", 1.0));
    }
}
