package io.streamrec.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrec.schemas.Interaction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What needs no broker: a real producer, whose bootstrap address nobody listens on. */
class InteractionPublisherTest {

    @Test
    void anIdleProducerHasBufferHeadroomSoSmallRequestsMayStayOnTheIoThread() {
        Serializer<Interaction> unused = (topic, event) -> new byte[0];
        KafkaProducer<String, Interaction> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10), new StringSerializer(), unused);
        try (InteractionPublisher publisher = new InteractionPublisher(producer, "interactions", Duration.ofSeconds(1),
                new SimpleMeterRegistry().timer("latency"))) {

            assertThat(publisher.hasBufferHeadroom()).isTrue();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
