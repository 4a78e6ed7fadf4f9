package io.streamrec.sink;

import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeDecoderTest {
    private static final String TOPIC = "user-item-edges";
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<UserItemKey> keys = AvroSerde.forKeys(registry, UserItemKey.class);
    private final AvroSerde<UserItemEdge> values = AvroSerde.forValues(registry, UserItemEdge.class);
    private final EdgeDecoder decoder = new EdgeDecoder(keys, values);
    private long nextOffset;

    @Test
    void decodesGoodRecordsAndPassesOverBadOnesWithTheirReason() {
        UserItemEdge good = edge("u1", "i1", T0, T0.plusSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record(key("u1", "i1"), values.serialize(TOPIC, good)),
                record(key("u1", "i2"), null),
                record(key("u1", "i3"), new byte[]{1, 2, 3}),
                record(new byte[]{0, 0, 0, 0}, values.serialize(TOPIC, edge("u1", "i4", T0, T0))),
                record(key("u9", "i5"), values.serialize(TOPIC, edge("u1", "i5", T0, T0))),
                record(key(" ", "i6"), values.serialize(TOPIC, edge(" ", "i6", T0, T0))),
                record(key("u1", "i7"), values.serialize(TOPIC, edge("u1", "i7", T0, T0.minusSeconds(1)))),
                record(key("u1", "i8"), withSchemaId(values.serialize(TOPIC, good), 999)));

        DecodedBatch decoded = decoder.decode(records);

        assertThat(decoded.edges()).containsExactly(good);
        assertThat(decoded.skipped()).extracting(SkippedRecord::offset, SkippedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, SkipReason.TOMBSTONE),
                org.assertj.core.groups.Tuple.tuple(2L, SkipReason.UNDECODABLE_VALUE),
                org.assertj.core.groups.Tuple.tuple(3L, SkipReason.UNDECODABLE_KEY),
                org.assertj.core.groups.Tuple.tuple(4L, SkipReason.KEY_MISMATCH),
                org.assertj.core.groups.Tuple.tuple(5L, SkipReason.INVALID_EDGE),
                org.assertj.core.groups.Tuple.tuple(6L, SkipReason.INVALID_EDGE),
                org.assertj.core.groups.Tuple.tuple(7L, SkipReason.UNDECODABLE_VALUE));
        assertThat(decoded.skipped().get(3).detail()).contains("u9").contains("u1");
    }

    @Test
    void anUnreachableRegistryFailsTheBatchInsteadOfSkippingGoodRecords() {
        byte[] key = key("u1", "i1");
        byte[] value = values.serialize(TOPIC, edge("u1", "i1", T0, T0));
        registry.reachable(false);
        // fresh deserializers: the shared ones have cached the writer schema
        EdgeDecoder cold = new EdgeDecoder(AvroSerde.forKeys(registry, UserItemKey.class),
                AvroSerde.forValues(registry, UserItemEdge.class));

        assertThatThrownBy(() -> cold.decode(List.of(record(key, value))))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(SinkErrors.isRetriable((RuntimeException) e)).isTrue());
    }

    private byte[] key(String user, String item) {
        return keys.serialize(TOPIC, new UserItemKey(user, item));
    }

    private ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, nextOffset++, key, value);
    }

    private static byte[] withSchemaId(byte[] serialized, int schemaId) {
        byte[] copy = serialized.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    private static UserItemEdge edge(String user, String item, Instant first, Instant last) {
        return UserItemEdge.newBuilder().setUserId(user).setItemId(item).setCounts(Map.of("view", 1L))
                .setWeight(1.0).setFirstSeen(first).setLastSeen(last).build();
    }
}
