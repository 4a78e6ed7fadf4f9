package io.streamrec.gateway;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the interactions topic to its current end: after a 2xx from the gateway the records are already there. */
final class InteractionsTopic {
    private static final String TOPIC = Topics.INTERACTIONS.name();

    private InteractionsTopic() {
    }

    static List<Interaction> read(String bootstrapServers, AvroSerde<Interaction> serde, Predicate<Interaction> which) {
        return records(bootstrapServers, serde).stream().map(ConsumerRecord::value).filter(which).toList();
    }

    static List<ConsumerRecord<String, Interaction>> records(String bootstrapServers, AvroSerde<Interaction> serde) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<String, Interaction>> records = new ArrayList<>();
        try (KafkaConsumer<String, Interaction> consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 30 s", TOPIC).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
