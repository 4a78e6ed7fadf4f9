package io.streamrec.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro records in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id, then Avro binary.
 * Subjects follow Confluent's TopicNameStrategy ({@code <topic>-value} or {@code <topic>-key}). Writers register
 * their schema on first use; readers resolve each writer schema against the generated class's schema, so records
 * written with an older compatible schema still read.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
    static final byte MAGIC_BYTE = 0;
    private static final int HEADER_SIZE = 5;
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    private final SchemaRegistryClient registry;
    private final String subjectSuffix;
    private final Schema readerSchema;
    private final SpecificData model;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    /** The registered id per topic, so the hot path neither prints the schema nor asks the client's cache. */
    private final Map<String, Integer> writerIdsByTopic = new ConcurrentHashMap<>();

    private AvroSerde(SchemaRegistryClient registry, Class<T> type, String subjectSuffix) {
        this.registry = registry;
        this.subjectSuffix = subjectSuffix;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistryClient registry, Class<T> type) {
        return new AvroSerde<>(registry, type, "-value");
    }

    public static <T extends SpecificRecord> AvroSerde<T> forKeys(SchemaRegistryClient registry, Class<T> type) {
        return new AvroSerde<>(registry, type, "-key");
    }

    /**
     * Registers this serde's schema for the topic (once; the id is cached) and returns its id. Writers call it at
     * start so that a registry that is down or refuses the schema stops them there, not at the first record.
     */
    public int register(String topic) {
        return writerIdsByTopic.computeIfAbsent(topic, t -> registry.register(t + subjectSuffix, readerSchema));
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = register(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        // producers serialize on the caller's thread: one encoder per thread, re-pointed at each record's buffer
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, ENCODERS.get());
        ENCODERS.set(encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + readerSchema.getFullName() + " to " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_SIZE || data[0] != MAGIC_BYTE) {
            throw new SerializationException("record in " + topic + " is not in the Confluent wire format"
                    + " (expected magic byte 0 and a 4-byte schema id)");
        }
        int writerId = ByteBuffer.wrap(data, 1, 4).getInt();
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(writerId,
                id -> new SpecificDatumReader<>(registry.schemaById(id), readerSchema, model));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + readerSchema.getFullName() + " from " + topic
                    + " with writer schema id " + writerId + ": " + e, e);
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
        // configured through the factory methods
    }

    @Override
    public void close() {
        // the registry client is shared and owned by the caller
    }
}
