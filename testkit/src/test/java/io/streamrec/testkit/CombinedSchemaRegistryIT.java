package io.streamrec.testkit;

import io.streamrec.schemas.Topics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Every resource on one class, injected into @BeforeAll, the constructor, tests and a @Nested class. */
@WithSchemaRegistry
@WithEtcd
@WithArcadeDb
class CombinedSchemaRegistryIT {
    private static KafkaTestCluster kafkaInBeforeAll;

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final EtcdTestServer etcd;
    private final TestGraphDb graph;

    CombinedSchemaRegistryIT(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd,
                             TestGraphDb graph) {
        this.kafka = kafka;
        this.registry = registry;
        this.etcd = etcd;
        this.graph = graph;
    }

    @BeforeAll
    static void createTopics(KafkaTestCluster kafka) {
        kafkaInBeforeAll = kafka;
        kafka.createStreamrecTopics();
    }

    @Test
    void everyResourceIsUpAndTheBrokerIsShared(KafkaTestCluster kafkaInTest) throws Exception {
        assertThat(kafkaInTest).isSameAs(kafka).isSameAs(kafkaInBeforeAll);
        assertThat(kafka.admin().listTopics().names().get())
                .containsAll(Topics.all().stream().map(t -> t.name()).toList());
        assertThat(registry.client().register("combined-value", Schema.create(Schema.Type.STRING))).isPositive();
        etcd.client().getKVClient().put(bytes("combined/k"), bytes("v")).get(5, TimeUnit.SECONDS);
        graph.database().getSchema().createVertexType("Combined");
        assertThat(graph.database().getSchema().existsType("Combined")).isTrue();
    }

    @Test
    void mergedConfigCoversEveryService() {
        Map<String, String> merged = new HashMap<>();
        merged.putAll(kafka.config());
        merged.putAll(registry.config());
        merged.putAll(etcd.config());

        assertThat(merged).containsOnlyKeys(
                "streamrec.kafka.bootstrap-servers", "streamrec.registry.url", "streamrec.etcd.endpoints");
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterClassResources(KafkaTestCluster nestedKafka, TestSchemaRegistry nestedRegistry,
                                         EtcdTestServer nestedEtcd, TestGraphDb nestedGraph) {
            assertThat(nestedKafka).isSameAs(kafka);
            assertThat(nestedRegistry).isSameAs(registry);
            assertThat(nestedEtcd).isSameAs(etcd);
            assertThat(nestedGraph).isSameAs(graph);
        }
    }
}
