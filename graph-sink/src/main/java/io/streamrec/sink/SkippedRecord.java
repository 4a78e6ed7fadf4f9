package io.streamrec.sink;

import org.apache.kafka.common.TopicPartition;

/** Where a passed-over record is and why it was passed over, for the log and, later, the dead-letter topic. */
record SkippedRecord(TopicPartition partition, long offset, SkipReason reason, String detail) {
}
