package io.streamrec.testkit;

import io.streamrec.common.kafka.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithKafka
class KafkaTestClusterIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaTestCluster kafka;

    KafkaTestClusterIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void configPointsAtTheBroker() {
        assertThat(kafka.bootstrapServers()).matches("[\\w.-]+:\\d+(,[\\w.-]+:\\d+)*");
        assertThat(kafka.config()).containsEntry("streamrec.kafka.bootstrap-servers", kafka.bootstrapServers());
    }

    @Test
    void producesAndConsumesARecord() {
        kafka.createTopics(new TopicSpec("plain", 2, Map.of()));

        kafka.send("plain", new StringSerializer(), new StringSerializer(), "user-1", "hello");

        List<ConsumerRecord<String, String>> records =
                kafka.consume("plain", new StringDeserializer(), new StringDeserializer(), 1, DEADLINE);
        assertThat(records).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("user-1"))
                .satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        TopicSpec spec = TopicSpec.compacted("twice", 3);
        kafka.createTopics(spec);
        kafka.createTopics(spec);

        assertThat(kafka.admin().describeTopics(List.of("twice")).allTopicNames().get().get("twice").partitions())
                .hasSize(3);
    }

    @Test
    void consumeFailsWithWhatItSawWhenTooFewRecordsArrive() {
        kafka.createTopics(new TopicSpec("sparse", 1, Map.of()));
        kafka.send("sparse", new StringSerializer(), new StringSerializer(), "k", "only-one");

        assertThatThrownBy(() -> kafka.consume("sparse", new StringDeserializer(), new StringDeserializer(), 2,
                Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 records in sparse")
                .hasMessageContaining("k=only-one");
    }

    /** Fails (times out) when the broker lacks the single-broker settings for transactions. */
    @Test
    void exactlyOnceStreamsAppProcessesARecord() throws Exception {
        kafka.createTopics(new TopicSpec("eos-in", 1, Map.of()), new TopicSpec("eos-out", 1, Map.of()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("eos-in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase())
                .to("eos-out", Produced.with(Serdes.String(), Serdes.String()));
        Path stateDir = Files.createTempDirectory(Path.of("target"), "eos-state");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "testkit-eos");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            kafka.send("eos-in", new StringSerializer(), new StringSerializer(), "user-1", "click");

            List<ConsumerRecord<String, String>> out =
                    kafka.consume("eos-out", new StringDeserializer(), new StringDeserializer(), 1, DEADLINE);

            assertThat(out).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("CLICK"));
        } finally {
            TestDirectories.deleteRecursively(stateDir);
        }
    }
}
