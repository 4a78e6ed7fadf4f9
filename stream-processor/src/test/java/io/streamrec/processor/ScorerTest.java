package io.streamrec.processor;

import io.streamrec.schemas.RecommendedItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Scoring: the four sources, blending, filters and top N. */
class ScorerTest {
    private static final Predicate<String> NOTHING_SEEN = item -> false;
    private static final ToLongFunction<String> NO_COUNTS = item -> -1;
    private static final long T0 = 1_700_000_000_000L;
    private static final double HOUR = 3_600_000;

    /** Scores as the recommender does, with rows scored directly rather than through the shared cache. */
    private static List<RecommendedItem> score(Strategy strategy, String segment, RecentItems history,
                                               Function<String, NeighbourRow> rows, ToLongFunction<String> counts,
                                               List<Leaderboard.Ranked> popular, List<Leaderboard.Ranked> trending,
                                               int maxSeeds) {
        return Scorer.recommend(strategy, segment, history, item -> {
            NeighbourRow row = rows.apply(item);
            return row == null ? null : SimilarityRows.score(row, strategy, counts);
        }, RankedBoard.of(popular), RankedBoard.of(trending), maxSeeds);
    }

    private static List<RecommendedItem> recommend(Strategy strategy, String segment, Predicate<String> seen) {
        RecentItems history = RecentItems.empty();
        for (String item : List.of("a", "b", "c", "d", "v")) {
            if (seen.test(item)) {
                history = history.with(item, "view", 1, T0, HOUR, 10);
            }
        }
        return score(strategy, segment, history, item -> null, NO_COUNTS, List.of(), List.of(), 10);
    }

    @Test
    void pinnedItemsKeepTheirOrderWithScoresFallingByPosition() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"pinned": 4}, "pinned": {"default": ["a", "b", "c", "d"]}}""");

        List<RecommendedItem> items = recommend(strategy, "default", NOTHING_SEEN);

        assertThat(items).extracting(RecommendedItem::getItemId).containsExactly("a", "b", "c", "d");
        assertThat(items).extracting(RecommendedItem::getScore).containsExactly(4.0, 3.0, 2.0, 1.0);
        assertThat(items.get(0).getSources()).containsExactlyEntriesOf(Map.of("pinned", 4.0));
    }

    @Test
    void onlyTheUsersSegmentIsPinned() {
        Strategy strategy = Strategy.parse("s", """
                {"pinned": {"default": ["a"], "vip": ["v"]}}""");

        assertThat(recommend(strategy, "vip", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("v");
        assertThat(recommend(strategy, "new-segment", NOTHING_SEEN)).isEmpty();
    }

    @Test
    void seenItemsAreLeftOutWhenTheStrategySaysSo() {
        String pinned = "\"pinned\": {\"default\": [\"a\", \"b\", \"c\"]}";
        Predicate<String> seen = Set.of("b")::contains;

        assertThat(recommend(Strategy.parse("s", "{" + pinned + ", \"filterSeen\": true}"), "default", seen))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "c");
        assertThat(recommend(Strategy.parse("s", "{" + pinned + ", \"filterSeen\": false}"), "default", seen))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "b", "c");
    }

    @Test
    void excludedItemsAreAlwaysLeftOut() {
        Strategy strategy = Strategy.parse("s", """
                {"filterSeen": false, "excludedItems": ["b"], "pinned": {"default": ["a", "b", "c"]}}""");

        assertThat(recommend(strategy, "default", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "c");
    }

    @Test
    void atMostTopNItemsAreKeptTheBestOnes() {
        Strategy strategy = Strategy.parse("s", """
                {"topN": 2, "pinned": {"default": ["a", "b", "c"]}}""");

        assertThat(recommend(strategy, "default", NOTHING_SEEN))
                .extracting(RecommendedItem::getItemId).containsExactly("a", "b");
    }

    @Test
    void aSourceWeightedZeroIsSwitchedOff() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"pinned": 0}, "pinned": {"default": ["a", "b"]}}""");

        assertThat(recommend(strategy, "default", NOTHING_SEEN)).isEmpty();
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

    @Test
    void similarItemsScoreAffinityTimesSimilaritySummedOverTheHistory() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"similar": 2, "popular": 0, "trending": 0}, "halfLifeHours": 1,
                 "similarity": "cooccurrence"}""");
        // a was seen one half-life before b, with the same weight: affinity 0.5 vs 1
        RecentItems history = RecentItems.empty().with("a", "view", 1, T0, HOUR, 10)
                .with("b", "view", 1, T0 + (long) HOUR, HOUR, 10);
        Map<String, NeighbourRow> rows = Map.of(
                "a", row("a", 10, new NeighbourRow.Neighbour("x", 4, 10), new NeighbourRow.Neighbour("b", 9, 9)),
                "b", row("b", 10, new NeighbourRow.Neighbour("x", 1, 10), new NeighbourRow.Neighbour("y", 3, 10)));

        List<RecommendedItem> items = score(strategy, "default", history, rows::get, NO_COUNTS, List.of(), List.of(), 10);

        // x: 0.5×4 + 1×1 = 3, y: 1×3 = 3 → both the best, scaled to the weight 2; b was seen
        assertThat(items).extracting(RecommendedItem::getItemId).containsExactly("x", "y");
        assertThat(items).extracting(RecommendedItem::getScore).containsExactly(2.0, 2.0);
        assertThat(items.get(0).getSources()).containsOnlyKeys("similar");
    }

    @Test
    void theSimilarityMeasureComesFromTheStrategy() {
        RecentItems history = RecentItems.empty().with("a", "view", 1, T0, HOUR, 10);
        // popular p co-occurs more often, rare r has the higher lift
        Map<String, NeighbourRow> rows = Map.of("a", row("a", 10,
                new NeighbourRow.Neighbour("p", 5, 100), new NeighbourRow.Neighbour("r", 2, 2)));

        assertThat(score(Strategy.parse("s", "{\"similarity\": \"cooccurrence\"}"), "default", history,
                rows::get, NO_COUNTS, List.of(), List.of(), 10)).extracting(RecommendedItem::getItemId).containsExactly("p", "r");
        assertThat(score(Strategy.parse("s", "{\"similarity\": \"lift\"}"), "default", history,
                rows::get, NO_COUNTS, List.of(), List.of(), 10)).extracting(RecommendedItem::getItemId).containsExactly("r", "p");
    }

    @Test
    void aNeighboursCurrentCountReplacesTheOneFrozenIntoTheRow() {
        RecentItems history = RecentItems.empty().with("a", "view", 1, T0, HOUR, 10);
        // when a's row was published p had 5 users; p has 100 now, but a's row was not republished since
        Map<String, NeighbourRow> rows = Map.of("a", row("a", 10,
                new NeighbourRow.Neighbour("p", 5, 5), new NeighbourRow.Neighbour("r", 2, 4)));
        Strategy jaccard = Strategy.parse("s", "{\"similarity\": \"jaccard\"}");

        // frozen: p 5/10 beats r 2/12; current: p 5/105 loses to r; an unknown count falls back to the frozen one
        assertThat(score(jaccard, "default", history, rows::get, Map.of("p", 100L, "r", 4L)::get,
                List.of(), List.of(), 10)).extracting(RecommendedItem::getItemId).containsExactly("r", "p");
        assertThat(score(jaccard, "default", history, rows::get, NO_COUNTS, List.of(), List.of(), 10))
                .extracting(RecommendedItem::getItemId).containsExactly("p", "r");
    }

    @Test
    void asymmetricCosineDampsThePopularityOfCandidatesByAlpha() {
        RecentItems history = RecentItems.empty().with("a", "view", 1, T0, HOUR, 10);
        // popular p: 5 of a's 10 users, 100 users in all; rare r: 2 of a's users, 4 in all
        Map<String, NeighbourRow> rows = Map.of("a", row("a", 10,
                new NeighbourRow.Neighbour("p", 5, 100), new NeighbourRow.Neighbour("r", 2, 4)));
        String measure = "{\"similarity\": \"asymmetric_cosine\", \"similarityAlpha\": ";

        // α = 1 is P(j | a): p 0.5 > r 0.2; α = 0.5 is cosine: p 0.158 < r 0.316
        List<RecommendedItem> conditional = score(Strategy.parse("s", measure + "1}"), "default", history,
                rows::get, NO_COUNTS, List.of(), List.of(), 10);
        assertThat(conditional).extracting(RecommendedItem::getItemId).containsExactly("p", "r");
        assertThat(conditional.get(1).getScore()).isCloseTo(0.4, within(1e-9));
        assertThat(score(Strategy.parse("s", measure + "0.5}"), "default", history, rows::get, NO_COUNTS, List.of(),
                List.of(), 10)).extracting(RecommendedItem::getItemId).containsExactly("r", "p");
        assertThat(Strategy.parse("s", measure + "0.5}").similarity(5, 10, 100))
                .isCloseTo(SimilarityMeasure.COSINE.of(5, 10, 100), within(1e-12));
    }

    @Test
    void normalizedSeedsSpreadTheirAffinityOverTheirRow() {
        RecentItems history = RecentItems.empty().with("a", "view", 1, T0, HOUR, 10).with("b", "view", 1, T0, HOUR, 10);
        // a's row sums to 10, b's to 3
        Map<String, NeighbourRow> rows = Map.of(
                "a", row("a", 10, new NeighbourRow.Neighbour("x", 8, 10), new NeighbourRow.Neighbour("y", 2, 10)),
                "b", row("b", 10, new NeighbourRow.Neighbour("z", 3, 10)));
        String strategy = "{\"similarity\": \"cooccurrence\", \"sourceWeights\": {\"popular\": 0, \"trending\": 0},"
                + " \"normalizeSeeds\": ";

        assertThat(score(Strategy.parse("s", strategy + "false}"), "default", history, rows::get, NO_COUNTS,
                List.of(), List.of(), 10)).extracting(RecommendedItem::getItemId).containsExactly("x", "z", "y");
        // x 8/10, y 2/10, z 3/3
        List<RecommendedItem> normalized = score(Strategy.parse("s", strategy + "true}"), "default", history,
                rows::get, NO_COUNTS, List.of(), List.of(), 10);
        assertThat(normalized).extracting(RecommendedItem::getItemId).containsExactly("z", "x", "y");
        assertThat(normalized).extracting(RecommendedItem::getScore)
                .usingComparatorForType((x, y) -> Math.abs(x - y) < 1e-9 ? 0 : Double.compare(x, y), Double.class)
                .containsExactly(1.0, 0.8, 0.2);
    }

    @Test
    void popularAndTrendingScaleToTheirBestItemAndBlendWithAttribution() {
        Strategy strategy = Strategy.parse("s", """
                {"sourceWeights": {"popular": 1, "trending": 0.6}}""");
        List<Leaderboard.Ranked> popular = List.of(new Leaderboard.Ranked("p", 100), new Leaderboard.Ranked("q", 99));
        List<Leaderboard.Ranked> trending = List.of(new Leaderboard.Ranked("q", 7));

        List<RecommendedItem> items = score(strategy, "default", RecentItems.empty(), item -> null, NO_COUNTS,
                popular, trending, 10);

        assertThat(items).extracting(RecommendedItem::getItemId).containsExactly("q", "p");
        assertThat(items.get(0).getSources()).containsExactlyInAnyOrderEntriesOf(Map.of("popular", 0.5, "trending", 0.6));
        assertThat(items.get(1).getScore()).isEqualTo(1.0);
    }

    private static NeighbourRow row(String item, long occurrences, NeighbourRow.Neighbour... neighbours) {
        return new NeighbourRow(item, occurrences, 0, 0, List.of(neighbours));
    }
}
