package io.streamrec.gateway;

import io.streamrec.schemas.Interaction;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The gateway's value serializer: the bytes {@code AvroSerde} writes (the Confluent wire format: magic byte 0, the
 * 4-byte schema id, then the Avro binary encoding of {@code Interaction}), written field by field in the schema's
 * order. Avro's generic datum writer looks up a logical-type conversion for every field and map value and resolves
 * each union by reflection: a fifth of a batched request's CPU samples, against a few percent here.
 *
 * <p>It follows {@code schemas/src/main/avro/Interaction.avsc}: the test compares its bytes with Avro's own writer,
 * so a change of the schema that this class misses fails the build. Bound to the schema id the gateway registered at
 * start, for its one topic.
 */
final class InteractionSerializer implements Serializer<Interaction> {
    private static final byte MAGIC_BYTE = 0;
    private static final int NULL_BRANCH = 0;
    private static final int VALUE_BRANCH = 1;
    /** Producers serialize on the sending thread: one buffer and encoder per thread, reused for every record. */
    private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Output::new);

    private final int schemaId;

    InteractionSerializer(int schemaId) {
        this.schemaId = schemaId;
    }

    @Override
    public byte[] serialize(String topic, Interaction event) {
        if (event == null) {
            return null;
        }
        Output output = OUTPUTS.get();
        output.bytes.reset();
        output.bytes.write(MAGIC_BYTE);
        output.bytes.write(schemaId >>> 24);
        output.bytes.write(schemaId >>> 16);
        output.bytes.write(schemaId >>> 8);
        output.bytes.write(schemaId);
        try {
            write(event, output.encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory Avro encoder failed", e);
        }
        return output.bytes.toByteArray();
    }

    private static void write(Interaction event, BinaryEncoder out) throws IOException {
        out.writeString(event.getEventId());
        out.writeString(event.getUserId());
        out.writeString(event.getItemId());
        out.writeEnum(event.getType().ordinal());
        out.writeLong(event.getEventTime().toEpochMilli());
        Instant receivedAt = event.getReceivedAt();
        if (receivedAt == null) {
            out.writeIndex(NULL_BRANCH);
        } else {
            out.writeIndex(VALUE_BRANCH);
            out.writeLong(receivedAt.toEpochMilli());
        }
        Double value = event.getValue();
        if (value == null) {
            out.writeIndex(NULL_BRANCH);
        } else {
            out.writeIndex(VALUE_BRANCH);
            out.writeDouble(value);
        }
        Map<String, String> context = event.getContext();
        out.writeMapStart();
        out.setItemCount(context.size());
        for (Map.Entry<String, String> entry : context.entrySet()) {
            out.startItem();
            out.writeString(entry.getKey());
            out.writeString(entry.getValue());
        }
        out.writeMapEnd();
    }

    /**
     * A thread's reusable buffer and an encoder that writes straight into it, so that a failed record leaves nothing
     * behind for the next one. Not {@link ByteArrayOutputStream}: its methods are synchronized, and the encoder writes
     * a record in a few dozen calls.
     */
    private static final class Output {
        private final Bytes bytes = new Bytes();
        private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
    }

    private static final class Bytes extends OutputStream {
        private byte[] buffer = new byte[256];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensureRoom(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureRoom(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensureRoom(int length) {
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
            }
        }
    }
}
