package io.streamrec.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records consumed but not yet written, and the offsets that become committable once they are. Full at
 * {@code batchSize} records; due when full or when its oldest record has waited {@code lingerNanos}.
 */
final class PendingBatch {
    private final int batchSize;
    private final long lingerNanos;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private long oldestNanos;

    PendingBatch(int batchSize, long lingerNanos) {
        this.batchSize = batchSize;
        this.lingerNanos = lingerNanos;
    }

    void add(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        if (records.isEmpty()) {
            oldestNanos = nowNanos;
        }
        records.add(record);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        firstOffsets.putIfAbsent(partition, record.offset());
        nextOffsets.put(partition, record.offset() + 1);
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    int size() {
        return records.size();
    }

    boolean isFull() {
        return records.size() >= batchSize;
    }

    boolean isDue(long nowNanos) {
        return isFull() || (!records.isEmpty() && nowNanos - oldestNanos >= lingerNanos);
    }

    /** How long until the batch is due on time alone; {@code Long.MAX_VALUE} when empty. */
    long nanosUntilDue(long nowNanos) {
        return records.isEmpty() ? Long.MAX_VALUE : Math.max(0, oldestNanos + lingerNanos - nowNanos);
    }

    List<ConsumerRecord<byte[], byte[]>> records() {
        return List.copyOf(records);
    }

    /** What to commit once the batch is written: the offset after the last record, per partition. */
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        return offsets;
    }

    /** Where to rewind each partition to consume the batch's records again. */
    Map<TopicPartition, Long> firstOffsets() {
        return Map.copyOf(firstOffsets);
    }

    void clear() {
        records.clear();
        firstOffsets.clear();
        nextOffsets.clear();
    }
}
