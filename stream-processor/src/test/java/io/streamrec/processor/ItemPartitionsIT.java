package io.streamrec.processor;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item side's state is partitioned by the item-updates topic, so a processor configured with another
 * {@code item-partitions} than the existing topic's keeps routing over the existing partitions rather than moving
 * items away from their counts.
 */
@WithSchemaRegistry
@WithEtcd
class ItemPartitionsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APPLICATION = "items-kept";
    private static final int EXISTING_PARTITIONS = 3;
    private static final int EVENTS = 20;

    @Test
    void anExistingItemUpdatesTopicKeepsItsPartitionCountWhateverTheConfigSays(
            KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        String itemUpdates = APPLICATION + "-item-updates";
        kafka.createTopics(TopicSpec.retained(itemUpdates, EXISTING_PARTITIONS, Duration.ofDays(1)));

        try (StreamProcessor processor = new StreamProcessor(ConfigLoader.load(ProcessorConfig.class,
                Optional.empty(), overrides(kafka, registry, etcd)))) {
            processor.start();
            try (KafkaProducer<String, Interaction> producer = kafka.producer(new StringSerializer(),
                    AvroSerde.forValues(registry.client(), Interaction.class))) {
                for (int i = 0; i < EVENTS; i++) {
                    producer.send(new ProducerRecord<>(Topics.INTERACTIONS.name(), "user-" + i, view(i)));
                }
            }

            // each event is its user's first: one batch, to its item's partition
            List<ConsumerRecord<String, byte[]>> batches = kafka.consume(itemUpdates, new StringDeserializer(),
                    new ByteArrayDeserializer(), EVENTS, TIMEOUT);
            assertThat(batches).extracting(ConsumerRecord::partition)
                    .as("routed over the topic's %d partitions, not the configured 2", EXISTING_PARTITIONS)
                    .contains(EXISTING_PARTITIONS - 1)
                    .allMatch(partition -> partition < EXISTING_PARTITIONS);
        }
    }

    private static Map<String, String> overrides(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                                 EtcdTestServer etcd) throws Exception {
        Map<String, String> overrides = TestProcessorSettings.overrides(kafka, registry, etcd, "item-partitions-state");
        overrides.put("streamrec.processor.application-id", APPLICATION);
        overrides.put("streamrec.processor.item-partitions", "2");
        return overrides;
    }

    private static Interaction view(int i) {
        return Interaction.newBuilder().setEventId("view-" + i).setUserId("user-" + i).setItemId("item-" + i)
                .setType(InteractionType.view).setEventTime(Instant.now()).setContext(Map.of()).build();
    }
}
