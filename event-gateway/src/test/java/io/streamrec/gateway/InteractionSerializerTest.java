package io.streamrec.gateway;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written serializer against Avro's own writer and reader for the same schema. */
class InteractionSerializerTest {
    private static final int SCHEMA_ID = 0x01020304;
    private final InteractionSerializer serializer = new InteractionSerializer(SCHEMA_ID);

    @Test
    void writesTheBytesOfAvrosWriterAfterTheConfluentHeader() throws IOException {
        for (Interaction event : new Interaction[]{minimal(), full(), withoutReceivedAt()}) {
            byte[] bytes = serializer.serialize("interactions", event);

            assertThat(bytes).startsWith(0, 1, 2, 3, 4);
            assertThat(bytes).isEqualTo(avroWriterBytes(event));
            assertThat(avroRead(bytes)).isEqualTo(event);
        }
    }

    @Test
    void aRecordLargerThanTheReusedBufferIsWholeAndTheNextOneIsNotDisturbed() throws IOException {
        Map<String, String> context = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            context.put("key-" + i, "a value that takes some room " + i);
        }
        Interaction large = new Interaction("e-1", "u", "i", InteractionType.view, Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(2), null, context);

        assertThat(avroRead(serializer.serialize("interactions", large))).isEqualTo(large);
        assertThat(serializer.serialize("interactions", minimal())).isEqualTo(avroWriterBytes(minimal()));
    }

    @Test
    void nullStaysNull() {
        assertThat(serializer.serialize("interactions", null)).isNull();
    }

    private static Interaction minimal() {
        return new Interaction("e-1", "u1", "i1", InteractionType.view, Instant.ofEpochMilli(1_763_900_000_123L),
                Instant.ofEpochMilli(1_763_900_000_456L), null, Map.of());
    }

    private static Interaction full() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("page", "produit épuisé");
        context.put("device", "📱");
        context.put("", "");
        return new Interaction("e-ü", "user-😀", "item-42", InteractionType.rate, Instant.ofEpochMilli(-5),
                Instant.ofEpochMilli(Long.MAX_VALUE), -4.5e-300, context);
    }

    private static Interaction withoutReceivedAt() {
        return new Interaction("e", "u", "i", InteractionType.purchase, Instant.ofEpochMilli(0), null, 19.99,
                Map.of("k", "v"));
    }

    private static byte[] avroWriterBytes(Interaction event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{0, 1, 2, 3, 4});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Interaction.class).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Interaction avroRead(byte[] bytes) throws IOException {
        return new SpecificDatumReader<>(Interaction.class)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    }
}
