package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingCacheTest {
    private static Ranking ranking(String... items) {
        return new Ranking(java.util.Arrays.stream(items).map(item -> new Ranked(item, 1.0)).toList());
    }

    private static List<String> ids(List<Ranked> ranked) {
        return ranked.stream().map(Ranked::itemId).toList();
    }

    @Test
    void mergesEveryPartitionsBoardOfOneKindInKeyOrder() {
        RankingCache cache = new RankingCache();
        cache.update(Ranking.key(Ranking.POPULAR, 1), ranking("c"));
        cache.update(Ranking.key(Ranking.POPULAR, 0), ranking("a", "b"));
        cache.update(Ranking.key(Ranking.TRENDING, 0), ranking("t"));

        assertThat(ids(cache.merged(Ranking.POPULAR))).containsExactly("a", "b", "c");
        assertThat(ids(cache.merged(Ranking.TRENDING))).containsExactly("t");
    }

    @Test
    void anUpdateOrDeletionReplacesTheMergedBoard() {
        RankingCache cache = new RankingCache();
        cache.update(Ranking.key(Ranking.POPULAR, 0), ranking("a"));
        assertThat(ids(cache.merged(Ranking.POPULAR))).containsExactly("a");

        cache.update(Ranking.key(Ranking.POPULAR, 0), ranking("b"));
        assertThat(ids(cache.merged(Ranking.POPULAR))).containsExactly("b");

        cache.update(Ranking.key(Ranking.POPULAR, 0), null);
        assertThat(cache.merged(Ranking.POPULAR)).isEmpty();
    }

    @Test
    void seedingFillsGapsButNeverReplacesWhatTheLoaderPut() {
        RankingCache cache = new RankingCache();
        cache.update(Ranking.key(Ranking.POPULAR, 0), ranking("newer"));

        cache.seed(put -> {
            put.accept(Ranking.key(Ranking.POPULAR, 0), ranking("older"));
            put.accept(Ranking.key(Ranking.POPULAR, 1), ranking("restored"));
        });

        assertThat(ids(cache.merged(Ranking.POPULAR))).containsExactly("newer", "restored");
    }
}
