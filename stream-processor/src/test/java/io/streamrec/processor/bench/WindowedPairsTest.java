package io.streamrec.processor.bench;

import io.streamrec.processor.bench.MovieLens.Rating;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowedPairsTest {
    private static final List<Rating> A_B_A_C = List.of(new Rating("u1", "a", 5, 1), new Rating("u1", "b", 5, 2),
            new Rating("u1", "a", 5, 3), new Rating("u1", "c", 5, 4), new Rating("u2", "c", 5, 5));

    @Test
    void aNewItemPairsWithTheMostRecentItemsOfItsUserOnlyAndARepeatMovesToTheFront() {
        assertThat(pairs(1)).as("a was met again after b: c pairs with a").containsExactly("b-a", "a-b", "c-a", "a-c");
    }

    @Test
    void theWholeHistoryPairsEveryTwoItemsOfAUserOnce() {
        assertThat(pairs(WindowedPairs.WHOLE_HISTORY)).containsExactly("b-a", "a-b", "c-a", "a-c", "c-b", "b-c");
    }

    private static List<String> pairs(int window) {
        List<String> pairs = new ArrayList<>();
        WindowedPairs.forEach(A_B_A_C, window, (item, partner) -> pairs.add(item + "-" + partner));
        return pairs;
    }
}
