package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;
import io.streamrec.schemas.RecommendedItem;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the boards only as deep as needed gives the top N that scoring every entry gives. */
class RankedCandidatesTest {
    private static final Random SEEDS = new Random(7);

    @RepeatedTest(200)
    void theTopNEqualsScoringEveryBoardEntry() {
        Random random = new Random(SEEDS.nextLong());
        int n = 1 + random.nextInt(12);
        Strategy strategy = Strategy.parse("s", "{\"topN\": " + n + ", \"sourceWeights\": {\"similar\": "
                + random.nextInt(3) + ", \"popular\": " + (0.1 + random.nextDouble()) + ", \"trending\": "
                + random.nextInt(2) + "}}");
        RankedBoard popular = board(random, 1 + random.nextInt(300));
        RankedBoard trending = board(random, random.nextInt(300));
        Set<String> seen = Set.of("i1", "i2", "i3", "i5", "i8");
        Predicate<String> excluded = seen::contains;

        long similarSeed = random.nextLong();

        CandidateScores bounded = similarCandidates(similarSeed, strategy);
        RankedCandidates.add(bounded, strategy, popular, trending, excluded, n);
        CandidateScores exhaustive = similarCandidates(similarSeed, strategy);
        addEveryEntry(exhaustive, strategy, popular, trending, excluded);

        assertThat(bounded.top(n, excluded)).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(exhaustive.top(n, excluded));
    }

    @Test
    void stopsReadingLongBoardsEarly() {
        List<Ranked> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(new Ranked("i" + i, 1000 - i));
        }
        Strategy strategy = Strategy.parse("s", "{\"topN\": 10, \"sourceWeights\": {\"popular\": 1, \"trending\": 1}}");
        CandidateScores candidates = new CandidateScores();

        RankedCandidates.add(candidates, strategy, RankedBoard.of(items), RankedBoard.of(items), item -> false, 10);

        assertThat(candidates.itemIds()).hasSizeLessThan(20);
        assertThat(candidates.top(10, item -> false)).extracting(RecommendedItem::getItemId)
                .containsExactly("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9");
    }

    /** Some items already scored by the similar source, the same ones for the same seed. */
    private static CandidateScores similarCandidates(long seed, Strategy strategy) {
        Random random = new Random(seed);
        CandidateScores candidates = new CandidateScores();
        double weight = strategy.weightOf(CandidateSource.SIMILAR);
        for (int i = 0, count = random.nextInt(40); i < count && weight > 0; i++) {
            candidates.add("i" + random.nextInt(400), CandidateSource.SIMILAR, weight * random.nextDouble());
        }
        return candidates;
    }

    /** Coarse scores, so that ties occur and their order is checked too. */
    private static RankedBoard board(Random random, int size) {
        List<Ranked> items = new ArrayList<>();
        for (String itemId : random.ints(0, 400).distinct().limit(size).mapToObj(i -> "i" + i).toList()) {
            items.add(new Ranked(itemId, random.nextInt(40) / 4.0));
        }
        return RankedBoard.of(items);
    }

    /** What the scorer did before: every eligible entry of each board, scaled to the board's best eligible one. */
    private static void addEveryEntry(CandidateScores candidates, Strategy strategy, RankedBoard popular,
                                      RankedBoard trending, Predicate<String> excluded) {
        for (Map.Entry<CandidateSource, RankedBoard> source : Map.of(CandidateSource.POPULAR, popular,
                CandidateSource.TRENDING, trending).entrySet()) {
            double weight = strategy.weightOf(source.getKey());
            List<Ranked> eligible = source.getValue().bestFirst().stream()
                    .filter(item -> !excluded.test(item.itemId())).toList();
            if (weight <= 0 || eligible.isEmpty()) {
                continue;
            }
            double best = eligible.get(0).log2();
            for (Ranked item : eligible) {
                candidates.add(item.itemId(), source.getKey(), weight * DecayedScore.relativeTo(item.log2(), best));
            }
        }
    }
}
