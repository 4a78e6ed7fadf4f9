package io.streamrec.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.DeadLetterHeaders;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor as deployed: real broker with exactly-once transactions, real schema registry, strategy from a real
 * etcd, health over HTTP.
 */
@WithSchemaRegistry
@WithEtcd
class StreamProcessorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RE_EMISSIONS_TOLERATED = 3;
    private static final String STRATEGY = "summer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Fewer than the 6 of interactions. */
    private static final int ITEM_PARTITIONS = 2;

    private static StreamProcessor processor;
    private static long firstVersion;

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final EtcdTestServer etcd;

    StreamProcessorIT(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) {
        this.kafka = kafka;
        this.registry = registry;
        this.etcd = etcd;
    }

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        firstVersion = putStrategy(etcd, """
                {"name": "summer", "topN": 2, "pinned": {"default": ["p1", "p2", "p3"]}}""");
        Map<String, String> overrides = TestProcessorSettings.overrides(kafka, registry, etcd, "processor-state");
        overrides.put("streamrec.processor.strategy", STRATEGY);
        overrides.put("streamrec.processor.item-partitions", Integer.toString(ITEM_PARTITIONS));
        processor = new StreamProcessor(ConfigLoader.load(ProcessorConfig.class, Optional.empty(), overrides));
        processor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void interactionsBecomeEdgesAndRecommendationsUnderTheLiveStrategyVersion() throws Exception {
        Poll.until(TIMEOUT, () -> get("/health/ready").statusCode(), status -> status == 200);
        assertThat(get("/v1/strategy").body()).contains("\"version\":" + firstVersion);

        send("u1", interaction("e1", "u1", "p1", InteractionType.view));

        Recommendations first = recommendationTriggeredBy("e1", 1);
        assertThat(first.getUserId()).isEqualTo("u1");
        assertThat(first.getStrategy()).isEqualTo(STRATEGY);
        assertThat(first.getStrategyVersion()).as("the etcd mod revision of the strategy").isEqualTo(firstVersion);
        assertThat(first.getItems()).extracting(RecommendedItem::getItemId)
                .as("p1 was just seen; top 2").containsExactly("p2", "p3");

        ConsumerRecord<UserItemKey, UserItemEdge> edge = kafka.consume(Topics.USER_ITEM_EDGES.name(),
                AvroSerde.forKeys(registry.client(), UserItemKey.class),
                AvroSerde.forValues(registry.client(), UserItemEdge.class), 1, TIMEOUT).get(0);
        assertThat(edge.key()).isEqualTo(new UserItemKey("u1", "p1"));
        assertThat(edge.value().getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.value().getWeight()).isEqualTo(1.0);

        long secondVersion = putStrategy(etcd, """
                {"topN": 5, "pinned": {"default": ["n1", "p1"]}, "filterSeen": false}""");
        Poll.until(TIMEOUT, this::strategyVersion, version -> version == secondVersion);
        send("u1", interaction("e2", "u1", "i7", InteractionType.click));

        Recommendations second = recommendationTriggeredBy("e2", 2);
        assertThat(second.getStrategyVersion()).isEqualTo(secondVersion).isGreaterThan(firstVersion);
        assertThat(second.getItems()).extracting(RecommendedItem::getItemId).containsExactly("n1", "p1");
    }

    @Test
    void theItemSideTopicsHaveTheConfiguredPartitions() throws Exception {
        List<String> itemTopics = List.of("streamrec-processor-item-updates", "streamrec-processor-item-neighbours");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> described = admin.describeTopics(itemTopics).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            assertThat(described.values()).extracting(description -> description.partitions().size())
                    .containsOnly(ITEM_PARTITIONS);
        }
    }

    @Test
    void anUndecodableRecordReachesTheDeadLetterTopicWithItsOrigin() {
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        kafka.send(Topics.INTERACTIONS.name(), new StringSerializer(), new ByteArraySerializer(), "u9", garbage);

        ConsumerRecord<byte[], byte[]> dead = kafka.consume(Topics.INTERACTIONS_DLQ.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, TIMEOUT).get(0);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("u9");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.INTERACTIONS.name());
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("undecodable");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
    }

    /**
     * Only this test's events write recommendations, so at least {@code recordsSoFar} exist once the event is
     * processed; a strategy change may add re-emitted ones (with no trigger event) before or after it.
     */
    private Recommendations recommendationTriggeredBy(String eventId, int recordsSoFar) {
        List<Recommendations> seen = List.of();
        for (int count = recordsSoFar; count <= recordsSoFar + RE_EMISSIONS_TOLERATED; count++) {
            seen = kafka.consume(Topics.RECOMMENDATIONS.name(), new StringDeserializer(),
                    AvroSerde.forValues(registry.client(), Recommendations.class), count, TIMEOUT)
                    .stream().map(ConsumerRecord::value).toList();
            Optional<Recommendations> triggered = seen.stream().filter(r -> eventId.equals(r.getTriggerEventId())).findFirst();
            if (triggered.isPresent()) {
                return triggered.get();
            }
        }
        throw new AssertionError("no recommendations triggered by " + eventId + " in " + seen);
    }

    private void send(String key, Interaction interaction) {
        kafka.send(Topics.INTERACTIONS.name(), new StringSerializer(),
                AvroSerde.forValues(registry.client(), Interaction.class), key, interaction);
    }

    private static long putStrategy(EtcdTestServer etcd, String json) throws Exception {
        return etcd.client().getKVClient().put(bytes(Strategy.ETCD_PREFIX + STRATEGY), bytes(json))
                .get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }

    private long strategyVersion() {
        try {
            JsonNode body = JSON.readTree(get("/v1/strategy").body());
            return body.path("version").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }

    private static Interaction interaction(String eventId, String userId, String itemId, InteractionType type) {
        return Interaction.newBuilder().setEventId(eventId).setUserId(userId).setItemId(itemId).setType(type)
                .setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setContext(Map.of()).build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
