package io.streamrec.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A record that did not become an edge, why, and the record itself, as the dead-letter topic needs it. */
record SkippedRecord(ConsumerRecord<byte[], byte[]> record, SkipReason reason, String detail) {

    TopicPartition partition() {
        return new TopicPartition(record.topic(), record.partition());
    }

    long offset() {
        return record.offset();
    }
}
