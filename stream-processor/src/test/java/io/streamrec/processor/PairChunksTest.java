package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairChunksTest {

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLevelIsTheSmallestWhoseChunksHoldTheRowOnAverage() {
        int max = PairChunks.MAX_PARTNERS_PER_CHUNK;
        assertThat(PairChunks.levelFor(0)).isZero();
        assertThat(PairChunks.levelFor(max)).isZero();
        assertThat(PairChunks.levelFor(max + 1)).isEqualTo(1);
        assertThat(PairChunks.levelFor(4 * max)).isEqualTo(2);
        assertThat(PairChunks.levelFor(Integer.MAX_VALUE)).isEqualTo(21);
    }

    @Test
    void partnersWithSimilarIdsSpreadOverTheChunks() {
        int[] perChunk = new int[8];
        for (int i = 0; i < 8_000; i++) {
            perChunk[PairChunks.chunkOf(PairChunks.hash("item-" + i), 3)]++;
        }

        assertThat(Arrays.stream(perChunk).min().orElseThrow()).isGreaterThan(850);
    }

    @Test
    void aChunkReadsBackItsLevelAndEntries() {
        PairChunks.ChunkWriter writer = new PairChunks.ChunkWriter(3, 2);
        writer.add(utf8("b"), 1L << 34);
        writer.add(utf8("ü"), 1);
        Map<String, Long> read = new HashMap<>();

        assertThat(PairChunks.read("c5", writer.toByteArray(), read::put)).isEqualTo(3);
        assertThat(read).containsOnly(Map.entry("b", 1L << 34), Map.entry("ü", 1L));
    }

    @Test
    void aTruncatedChunkFailsWithAMessage() {
        PairChunks.ChunkWriter writer = new PairChunks.ChunkWriter(0, 2);
        writer.add(utf8("b"), 1);
        byte[] bytes = writer.toByteArray();

        assertThatThrownBy(() -> PairChunks.read("c0", bytes, (partner, count) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt record");
        assertThatThrownBy(() -> PairChunks.read("", bytes, (partner, count) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing after the item id");
    }
}
