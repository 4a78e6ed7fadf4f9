package io.streamrec.schemas.serde;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wire-format checks that need no registry. The round trip through a real registry is tested in testkit, which
 * starts one on a real broker.
 */
class AvroSerdeTest {
    /** A real client whose registry is not listening: any call that reaches it fails. */
    private final SchemaRegistryClient unreachable = SchemaRegistryClient.http("http://127.0.0.1:" + closedPort());
    private final AvroSerde<Interaction> serde = AvroSerde.forValues(unreachable, Interaction.class);

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nullStaysNullBothWays() {
        assertThat(serde.serialize("interactions", null)).isNull();
        assertThat(serde.deserialize("interactions", null)).isNull();
    }

    @Test
    void dataShorterThanTheHeaderIsNotInTheWireFormat() {
        assertThatThrownBy(() -> serde.deserialize("interactions", new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("interactions")
                .hasMessageContaining("not in the Confluent wire format");
    }

    @Test
    void aWrongMagicByteIsNotInTheWireFormat() {
        assertThatThrownBy(() -> serde.deserialize("interactions", new byte[] {1, 0, 0, 0, 1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0");
    }

    @Test
    void aWriterSchemaIdIsResolvedThroughTheRegistry() {
        byte[] header = {AvroSerde.MAGIC_BYTE, 0, 0, 0, 42, 2};

        assertThatThrownBy(() -> serde.deserialize("interactions", header))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("cannot reach the schema registry");
    }

    @Test
    void serializingRegistersUnderTheTopicNameStrategySubjectFirst() {
        Interaction interaction = Interaction.newBuilder().setEventId("e1").setUserId("u1").setItemId("i1")
                .setType(InteractionType.click).setEventTime(Instant.ofEpochMilli(1_000)).setContext(Map.of()).build();

        assertThatThrownBy(() -> serde.serialize("interactions", interaction))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isZero())
                .hasMessageContaining("cannot reach the schema registry");
    }

    @Test
    void theClientRefusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> SchemaRegistryClient.http("localhost:8085"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }
}
