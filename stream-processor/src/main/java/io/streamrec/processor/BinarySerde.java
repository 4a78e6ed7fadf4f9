package io.streamrec.processor;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * A compact binary form for the processor's hottest internal records (user histories, item-update batches), which
 * are written and read on every event: JSON encoding and decoding of them dominated the per-event cost. A record
 * starts with a format byte; records written as JSON by earlier versions (they start with '{') are still read, so
 * existing stores, changelogs and topics need no migration.
 */
final class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    /** The first byte of a record in this format; JSON objects start with '{'. */
    static final byte FORMAT_1 = 1;

    /** Writes one value's fields. */
    interface Writer<T> {
        void write(CompactWriter out, T value);
    }

    /** Reads one value's fields. */
    interface Reader<T> {
        T read(CompactReader in);
    }

    private final Class<T> type;
    private final Writer<T> writer;
    private final Reader<T> reader;
    private final JsonSerde<T> legacy;

    private BinarySerde(Class<T> type, Writer<T> writer, Reader<T> reader) {
        this.type = type;
        this.writer = writer;
        this.reader = reader;
        this.legacy = JsonSerde.of(type);
    }

    static <T> BinarySerde<T> of(Class<T> type, Writer<T> writer, Reader<T> reader) {
        return new BinarySerde<>(type, writer, reader);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        CompactWriter out = new CompactWriter();
        try {
            out.writeByte(FORMAT_1);
            writer.write(out, value);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return legacy.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != FORMAT_1) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic
                    + ": unknown format byte " + (data.length == 0 ? "(empty record)" : data[0]));
        }
        try {
            CompactReader in = new CompactReader(data, 1);
            T value = reader.read(in);
            in.requireEnd();
            return value;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // holds no resources
    }
}
