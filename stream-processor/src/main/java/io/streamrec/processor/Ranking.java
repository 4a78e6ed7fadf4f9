package io.streamrec.processor;

import java.util.List;

/**
 * One partition's popular or trending leaderboard, as published and read back on every instance; the
 * recommender merges those of all partitions.
 *
 * @param items best first
 */
record Ranking(List<Leaderboard.Ranked> items) {
    static final String POPULAR = "popular";
    static final String TRENDING = "trending";

    static String key(String board, int partition) {
        return board + "/" + partition;
    }
}
