package io.streamrec.sink;

import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw records into edges, one record at a time, so that one bad record is passed over (and reported) instead of
 * failing its batch. A registry that cannot answer is not the record's fault: that error propagates, and the batch
 * is decoded again on retry.
 */
final class EdgeDecoder {
    private final Deserializer<UserItemKey> keys;
    private final Deserializer<UserItemEdge> values;

    EdgeDecoder(Deserializer<UserItemKey> keys, Deserializer<UserItemEdge> values) {
        this.keys = keys;
        this.values = values;
    }

    /** @throws SchemaRegistryException when the registry is unavailable; the records may be fine */
    DecodedBatch decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<UserItemEdge> edges = new ArrayList<>(records.size());
        List<SkippedRecord> skipped = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                edges.add(decode(record));
            } catch (Skip skip) {
                skipped.add(new SkippedRecord(record, skip.reason, skip.getMessage()));
            }
        }
        return new DecodedBatch(edges, skipped);
    }

    private UserItemEdge decode(ConsumerRecord<byte[], byte[]> record) throws Skip {
        if (record.value() == null) {
            throw new Skip(SkipReason.TOMBSTONE, "null value");
        }
        UserItemKey key = deserialize(keys, record.topic(), record.key(), SkipReason.UNDECODABLE_KEY);
        UserItemEdge edge = deserialize(values, record.topic(), record.value(), SkipReason.UNDECODABLE_VALUE);
        if (key == null) {
            throw new Skip(SkipReason.UNDECODABLE_KEY, "null key");
        }
        if (!key.getUserId().equals(edge.getUserId()) || !key.getItemId().equals(edge.getItemId())) {
            throw new Skip(SkipReason.KEY_MISMATCH, "key " + key.getUserId() + "/" + key.getItemId()
                    + " but value " + edge.getUserId() + "/" + edge.getItemId());
        }
        if (edge.getUserId().isBlank() || edge.getItemId().isBlank()) {
            throw new Skip(SkipReason.INVALID_EDGE, "blank user or item id");
        }
        if (edge.getLastSeen().isBefore(edge.getFirstSeen())) {
            throw new Skip(SkipReason.INVALID_EDGE, "lastSeen " + edge.getLastSeen() + " is before firstSeen "
                    + edge.getFirstSeen());
        }
        return edge;
    }

    private static <T> T deserialize(Deserializer<T> deserializer, String topic, byte[] data, SkipReason reason)
            throws Skip {
        try {
            return deserializer.deserialize(topic, data);
        } catch (SchemaRegistryException e) {
            if (SinkErrors.registryUnavailable(e)) {
                throw e;
            }
            throw new Skip(reason, e.getMessage());
        } catch (RuntimeException e) {
            throw new Skip(reason, e.getMessage());
        }
    }

    /** Control flow for a record that cannot become an edge; never leaves this class. */
    private static final class Skip extends Exception {
        private final SkipReason reason;

        Skip(SkipReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
