package io.streamrec.sink;

import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void aDeadLetterIsTheRecordUnchangedWithItsSourceAndReasonInTheProcessorsHeaderNames() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace", "t1".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("user-item-edges", 4, 1234L, 0L,
                TimestampType.CREATE_TIME, 3, 3, new byte[]{1, 2, 3}, new byte[]{4, 5, 6}, original, Optional.empty());

        ProducerRecord<byte[], byte[]> dead = DeadLetters.deadLetter(
                new SkippedRecord(record, SkipReason.KEY_MISMATCH, "key u9/i1 but value u1/i1"));

        assertThat(dead.topic()).isEqualTo(Topics.USER_ITEM_EDGES_DLQ.name());
        assertThat(dead.key()).containsExactly(1, 2, 3);
        assertThat(dead.value()).containsExactly(4, 5, 6);
        assertThat(header(dead, "trace")).isEqualTo("t1");
        assertThat(header(dead, "dlq.source.topic")).isEqualTo("user-item-edges");
        assertThat(header(dead, "dlq.source.partition")).isEqualTo("4");
        assertThat(header(dead, "dlq.source.offset")).isEqualTo("1234");
        assertThat(header(dead, "dlq.reason")).isEqualTo("key-mismatch");
        assertThat(header(dead, "dlq.error")).isEqualTo("key u9/i1 but value u1/i1");
    }

    @Test
    void onlyBadRecordsAreDeadLetteredNotTombstones() {
        assertThat(SkipReason.TOMBSTONE.isBadRecord()).isFalse();
        assertThat(SkipReason.UNDECODABLE_VALUE.isBadRecord()).isTrue();
        assertThat(SkipReason.KEY_MISMATCH.isBadRecord()).isTrue();
    }

    @Test
    void aBrokerAwayIsRetriedButARecordTooLargeIsNot() {
        assertThat(SinkErrors.isRetriable(new DeadLetters.DeadLetterException("x", null, true))).isTrue();
        assertThat(SinkErrors.isRetriable(new DeadLetters.DeadLetterException("x", null, false))).isFalse();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
