package io.streamrec.schemas.registry;

import io.streamrec.schemas.UserItemEdge;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The released {@code user-item-edges-value} schema against the current {@link UserItemEdge}: the registry must accept
 * the new version, and the topic's existing records (and the processor's state store) must still be readable.
 */
class UserItemEdgeEvolutionTest {
    /** UserItemEdge as first released, before the vertex attributes. */
    private static final String RELEASED_V1 = """
            {"type": "record", "name": "UserItemEdge", "namespace": "io.streamrec.schemas",
             "fields": [
               {"name": "userId", "type": "string"},
               {"name": "itemId", "type": "string"},
               {"name": "counts", "type": {"type": "map", "values": "long"}},
               {"name": "weight", "type": "double"},
               {"name": "firstSeen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "lastSeen", "type": {"type": "long", "logicalType": "timestamp-millis"}}
             ]}""";

    private static final Schema RELEASED = new Schema.Parser().parse(RELEASED_V1);

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheReleasedOne() {
        // FULL: new consumers read old records (BACKWARD, the registry's default) and old consumers read new ones
        assertThat(CompatibilityChecker.incompatibilities(UserItemEdge.getClassSchema(),
                List.of(new CompatibilityChecker.Version(1, RELEASED)), CompatibilityLevel.FULL)).isEmpty();
    }

    @Test
    void aRecordWrittenWithTheReleasedSchemaReadsWithNoAttributes() throws IOException {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        GenericRecord old = new GenericData.Record(RELEASED);
        old.put("userId", "u1");
        old.put("itemId", "i1");
        old.put("counts", Map.of("view", 2L));
        old.put("weight", 2.0);
        old.put("firstSeen", at.toEpochMilli());
        old.put("lastSeen", at.toEpochMilli());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(RELEASED).write(old, encoder);
        encoder.flush();

        UserItemEdge edge = new SpecificDatumReader<UserItemEdge>(RELEASED, UserItemEdge.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(edge.getUserId()).isEqualTo("u1");
        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 2L));
        assertThat(edge.getLastSeen()).isEqualTo(at);
        assertThat(edge.getUserAttributes()).isEmpty();
        assertThat(edge.getItemAttributes()).isEmpty();
    }
}
