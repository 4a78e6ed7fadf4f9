package io.streamrec.processor.bench;

import io.streamrec.processor.bench.MovieLens.Rating;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch SAR reference and the validation split, on data small enough to work out by hand. */
class BatchSarTest {
    private static final long HALF_LIFE = 1000;
    private static final long T = 10_000;
    // c(a) = c(b) = 2, c(p) = c(q) = 1; a-p, b-q, a-b co-occur once: jaccard a→p = b→q = 1/2, a→b = 1/3
    private static final List<Rating> TRAIN = List.of(
            new Rating("u1", "a", 3, 0), new Rating("u1", "p", 3, 0),
            new Rating("u2", "b", 3, 0), new Rating("u2", "q", 3, 0),
            new Rating("u3", "a", 5, T - 2 * HALF_LIFE), new Rating("u3", "b", 2, T));

    @Test
    void scoresAreAffinityTimesSimilarityWithSeenItemsRemoved() {
        BatchSar noDecay = new BatchSar(TRAIN, BatchSar.Settings.sar(BatchSar.Similarity.JACCARD, Rating::stars,
                Double.POSITIVE_INFINITY));

        Map<String, List<String>> top = noDecay.recommend(Set.of("u1", "u3"), 2);

        // u3: p = 5 × 1/2 beats q = 2 × 1/2; u1: b = 3 × 1/3, q scores 0
        assertThat(top.get("u3")).containsExactly("p", "q");
        assertThat(top.get("u1")).containsExactly("b", "q");
    }

    @Test
    void affinityDecaysByTheHalfLifeFromTheLatestTrainingTime() {
        BatchSar decayed = new BatchSar(TRAIN, BatchSar.Settings.sar(BatchSar.Similarity.JACCARD, Rating::stars,
                HALF_LIFE));

        // a was rated two half-lives before T: 5 / 4 = 1.25 < 2, so q now beats p
        assertThat(decayed.recommend(Set.of("u3"), 2).get("u3")).containsExactly("q", "p");
    }

    @Test
    void truncatedRowsLoseTheWeakerNeighbours() {
        // c(a) = 4, c(p) = 2, c(z) = 1: a→p = 2/4, a→z = 1/4; b and c never meet a
        List<Rating> train = List.of(new Rating("u1", "a", 3, 0), new Rating("u1", "p", 3, 0),
                new Rating("u2", "a", 3, 0), new Rating("u2", "p", 3, 0), new Rating("u3", "a", 3, 0),
                new Rating("u3", "z", 3, 0), new Rating("u4", "b", 3, 0), new Rating("u4", "c", 3, 0),
                new Rating("t", "a", 3, 0));
        BatchSar.Settings sar = BatchSar.Settings.sar(BatchSar.Similarity.JACCARD, Rating::stars,
                Double.POSITIVE_INFINITY);

        assertThat(new BatchSar(train, sar).recommend(Set.of("t"), 3).get("t")).containsExactly("p", "z", "b");
        // K = 1 keeps only a→p: z scores 0 like b and c, and equal scores rank by item id
        assertThat(new BatchSar(train, sar.truncated(1, BatchSar.Similarity.JACCARD)).recommend(Set.of("t"), 3)
                .get("t")).containsExactly("p", "b", "c");
    }

    @Test
    void theValidationSplitHoldsOutPartOfEachUsersTrainingRatingsOnly() {
        List<Rating> train = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            train.add(new Rating("u", "i" + i, 3, i));
        }
        MovieLens split = new MovieLens(train, Map.of("u", Set.of("held")));

        MovieLens validation = split.validation(0.75, 1);

        assertThat(validation.train()).hasSize(6);
        assertThat(validation.test().get("u")).hasSize(2).doesNotContain("held");
        Set<String> all = new HashSet<>(validation.test().get("u"));
        validation.train().forEach(r -> all.add(r.itemId()));
        assertThat(all).hasSize(8);
    }
}
