package io.streamrec.processor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PairRowStore} over a real (in-memory) Kafka Streams store: what reaches the store, and when. */
class PairRowStoreTest {
    private final KeyValueStore<String, byte[]> stored = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("pairs"), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    private PairRowStore pairs = open(1_000_000);

    private PairRowStore open(long maxCounts) {
        PairRowStore store = new PairRowStore(stored, maxCounts);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    @AfterEach
    void close() {
        pairs.close();
    }

    private Map<String, Long> row(String itemId) {
        Map<String, Long> row = new HashMap<>();
        pairs.forEach(itemId, row::put);
        return row;
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = stored.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key.replace('\u0000', '/')));
        }
        return keys;
    }

    private static List<String> partners(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "p" + i).toList();
    }

    @Test
    void countsReachTheStoreOnlyWhenTheCacheIsFlushed() {
        pairs.incrementRow("a", List.of("b", "c"));
        pairs.incrementColumn(List.of("a", "x"), "b");
        assertThat(keys()).as("nothing is written between commits").isEmpty();

        pairs.flushCache();
        pairs.clearCache();

        assertThat(row("a")).as("read back from the store").containsOnly(Map.entry("b", 2L), Map.entry("c", 1L));
        assertThat(row("x")).containsOnly(Map.entry("b", 1L));
    }

    @Test
    void countsNotFlushedAreDroppedWithTheCache() {
        pairs.incrementRow("a", List.of("b"));
        pairs.flushCache();
        pairs.incrementRow("a", List.of("b", "c"));

        pairs.clearCache();

        assertThat(row("a")).as("what the last commit wrote").containsOnly(Map.entry("b", 1L));
    }

    @Test
    void aChunkWithFewChangesGetsItsChangedPairsAloneAndReadingTakesTheHighestCount() {
        pairs.incrementRow("a", partners(0, 100));
        pairs.flushCache();
        assertThat(keys()).as("a new row is all changes: one chunk").containsExactly("a/c0");

        pairs.incrementRow("a", List.of("p7"));
        pairs.flushCache();
        assertThat(keys()).as("1 change in 100 counts: the pair alone").containsExactly("a/c0", "a/pp7");

        pairs.incrementRow("a", partners(0, 10));
        pairs.flushCache();
        pairs.clearCache();

        assertThat(keys()).as("10 in 100: the chunk again; the older pair record stays, superseded")
                .containsExactly("a/c0", "a/pp7");
        Map<String, Long> row = row("a");
        assertThat(row).hasSize(100).containsEntry("p7", 3L).containsEntry("p3", 2L).containsEntry("p50", 1L);
    }

    @Test
    void aRowBeyondOneChunkIsSplitByPartnerAndReadBackWhole() {
        int partners = PairChunks.MAX_PARTNERS_PER_CHUNK * 3;
        pairs.incrementRow("a", partners(0, partners));
        pairs.flushCache();
        pairs.incrementRow("a", partners(0, 5));
        pairs.flushCache();
        pairs.clearCache();

        assertThat(keys()).as("level 2: four chunks, then five single pairs")
                .containsAll(List.of("a/c0", "a/c1", "a/c2", "a/c3", "a/pp0", "a/pp4")).hasSize(9);
        Map<String, Long> row = row("a");
        assertThat(row).hasSize(partners).containsEntry("p0", 2L).containsEntry("p4", 2L).containsEntry("p5", 1L);
    }

    @Test
    void aRowThatOutgrowsItsLevelIsRewrittenAtTheNext() {
        pairs.incrementRow("a", partners(0, 10));
        pairs.flushCache();
        pairs.incrementRow("a", partners(0, PairChunks.MAX_PARTNERS_PER_CHUNK + 1));
        pairs.flushCache();
        pairs.clearCache();

        assertThat(keys()).containsExactly("a/c0", "a/c1");
        Map<String, Long> row = row("a");
        assertThat(row).hasSize(PairChunks.MAX_PARTNERS_PER_CHUNK + 1).containsEntry("p9", 2L)
                .containsEntry("p10", 1L);
    }

    @Test
    void rowsBeyondTheLimitAreDroppedAfterACommitAndReadAgainWhenNeeded() {
        pairs.close();
        pairs = open(3);
        pairs.incrementRow("a", List.of("b", "c"));
        pairs.incrementRow("d", List.of("e", "f"));
        assertThat(pairs.heldCounts()).as("changed rows stay until written").isEqualTo(4);

        pairs.flushCache();
        assertThat(pairs.heldCounts()).isLessThanOrEqualTo(3);

        pairs.incrementColumn(List.of("a", "d"), "b");
        pairs.flushCache();
        assertThat(row("a")).containsOnly(Map.entry("b", 2L), Map.entry("c", 1L));
        assertThat(row("d")).containsOnly(Map.entry("b", 1L), Map.entry("e", 1L), Map.entry("f", 1L));
    }

    @Test
    void aStoredRecordOfAnotherLayoutFailsWithAMessage() {
        stored.put("a\u0000" + "7", PairChunks.encodeCount(1));

        assertThatThrownBy(() -> row("a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kind '7'");
    }

    @Test
    void aNewRowIsStoredAsOneChunkAtLevelZero() {
        pairs.incrementRow("a", List.of("b"));
        pairs.flushCache();
        KeyValue<String, byte[]> chunk;
        try (KeyValueIterator<String, byte[]> all = stored.all()) {
            chunk = all.next();
        }
        Map<String, Long> read = new HashMap<>();

        int level = PairChunks.read(chunk.key.substring(PairChunks.prefix("a").length()), chunk.value, read::put);

        assertThat(level).isZero();
        assertThat(read).containsOnly(Map.entry("b", 1L));
    }
}
