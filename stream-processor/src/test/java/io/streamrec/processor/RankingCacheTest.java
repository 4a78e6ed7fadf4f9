package io.streamrec.processor;

import io.streamrec.processor.Leaderboard.Ranked;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingCacheTest {
    private static Ranking ranking(String... items) {
        return new Ranking(java.util.Arrays.stream(items).map(item -> new Ranked(item, 1.0)).toList());
    }

    private static List<String> ids(RankedBoard board) {
        return board.bestFirst().stream().map(Ranked::itemId).toList();
    }

    @Test
    void mergesEveryPartitionsBoardOfOneKindBestFirst() {
        RankingCache cache = new RankingCache();
        cache.update(Ranking.key(Ranking.POPULAR, 1), new Ranking(List.of(new Ranked("c", 5))));
        cache.update(Ranking.key(Ranking.POPULAR, 0), new Ranking(List.of(new Ranked("a", 7), new Ranked("b", 1))));
        cache.update(Ranking.key(Ranking.TRENDING, 0), ranking("t"));

        assertThat(ids(cache.merged(Ranking.POPULAR))).containsExactly("a", "c", "b");
        assertThat(cache.merged(Ranking.POPULAR).log2Of("c")).isEqualTo(5.0);
        assertThat(cache.merged(Ranking.POPULAR).log2Of("t")).isNull();
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
        assertThat(ids(cache.merged(Ranking.POPULAR))).isEmpty();
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
