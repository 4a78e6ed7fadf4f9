package io.streamrec.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PendingBatchTest {
    private static final long LINGER = 200_000_000L;
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final PendingBatch batch = new PendingBatch(3, LINGER);

    @Test
    void anEmptyBatchIsNeverDue() {
        assertThat(batch.isDue(Long.MAX_VALUE / 2)).isFalse();
        assertThat(batch.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void dueWhenFullOrWhenItsOldestRecordHasLingered() {
        batch.add(record(0, 10), 1_000);
        assertThat(batch.isDue(1_000 + LINGER - 1)).isFalse();
        assertThat(batch.nanosUntilDue(1_000 + 50)).isEqualTo(LINGER - 50);
        assertThat(batch.isDue(1_000 + LINGER)).isTrue();

        batch.add(record(0, 11), 2_000);
        batch.add(record(1, 5), 3_000);
        assertThat(batch.isFull()).isTrue();
        assertThat(batch.isDue(3_000)).isTrue();
    }

    @Test
    void commitsTheOffsetAfterTheLastRecordAndRewindsToTheFirst() {
        batch.add(record(0, 10), 0);
        batch.add(record(1, 5), 0);
        batch.add(record(0, 12), 0);

        assertThat(batch.offsetsToCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13), P1, new OffsetAndMetadata(6)));
        assertThat(batch.firstOffsets()).isEqualTo(Map.of(P0, 10L, P1, 5L));
    }

    @Test
    void clearingStartsANewLingerWindow() {
        batch.add(record(0, 1), 0);
        batch.clear();
        batch.add(record(0, 2), LINGER * 5);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.isDue(LINGER * 5 + 1)).isFalse();
        assertThat(batch.offsetsToCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>("t", partition, offset, new byte[0], new byte[0]);
    }
}
