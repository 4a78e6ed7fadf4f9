package io.streamrec.testkit;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.config.RegistrySettings;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.schemas.serde.SchemaRegistryException;
import io.smallrye.config.ConfigMapping;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Declares both annotations: the broker the registry uses and the one injected must be the same single broker. */
@WithKafka
@WithSchemaRegistry
class SchemaRegistryIT {
    private static final Schema USER_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "User", "namespace": "testkit",
             "fields": [{"name": "id", "type": "string"}]}""");
    private static final Schema USER_V2_FIELD_WITHOUT_DEFAULT = new Schema.Parser().parse("""
            {"type": "record", "name": "User", "namespace": "testkit",
             "fields": [{"name": "id", "type": "string"}, {"name": "age", "type": "int"}]}""");

    @ConfigMapping(prefix = "streamrec")
    interface RegistryOnlyConfig {
        RegistrySettings registry();
    }

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;

    SchemaRegistryIT(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @Test
    void configPointsAtTheRegistry() {
        RegistryOnlyConfig config = ConfigLoader.load(RegistryOnlyConfig.class, Optional.empty(), registry.config());

        assertThat(config.registry().url()).isEqualTo(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void storesItsSchemasOnTheInjectedBroker() throws Exception {
        registry.client().register("stored-value", USER_V1);

        assertThat(kafka.admin().listTopics().names().get()).contains(Topics.SCHEMAS.name());
    }

    @Test
    void aRegisteredSchemaIsServedById() {
        int id = registry.client().register("users-value", USER_V1);

        Schema fetched = SchemaRegistryClient.http(registry.url()).schemaById(id);

        assertThat(fetched).isEqualTo(USER_V1);
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409() {
        registry.client().register("evolving-value", USER_V1);

        assertThatThrownBy(() -> registry.client().register("evolving-value", USER_V2_FIELD_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(409));
    }

    @Test
    void anInteractionRoundTripsThroughKafkaInTheConfluentWireFormat() {
        kafka.createStreamrecTopics();
        Interaction sent = Interaction.newBuilder()
                .setEventId("e-1").setUserId("u-1").setItemId("i-1").setType(InteractionType.add_to_cart)
                .setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setValue(2.5)
                .setContext(Map.of("page", "home"))
                .build();
        AvroSerde<Interaction> serde = AvroSerde.forValues(registry.client(), Interaction.class);

        kafka.send(Topics.INTERACTIONS.name(), new StringSerializer(), serde, "u-1", sent);
        List<ConsumerRecord<String, Interaction>> received = kafka.consume(Topics.INTERACTIONS.name(),
                new StringDeserializer(), AvroSerde.forValues(SchemaRegistryClient.http(registry.url()),
                        Interaction.class), 1, Duration.ofSeconds(30));

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("u-1");
            assertThat(r.value()).isEqualTo(sent);
        });
    }

    @Test
    void aRestartedRegistryKeepsItsIds() throws Exception {
        int id = registry.client().register("durable-value", USER_V1);

        registry.restart();

        SchemaRegistryClient freshClient = SchemaRegistryClient.http(registry.url());
        assertThat(freshClient.register("durable-value", USER_V1)).isEqualTo(id);
        assertThat(freshClient.schemaById(id)).isEqualTo(USER_V1);
    }
}
