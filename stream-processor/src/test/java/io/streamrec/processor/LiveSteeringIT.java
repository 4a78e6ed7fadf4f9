package io.streamrec.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steering a running processor through a real etcd, with a real broker: strategy edits re-emit active users'
 * recommendations without a restart, invalid edits are rejected and reported, the watch survives an etcd restart,
 * experiment groups reach the output, and the pull API answers from the stores.
 */
@WithSchemaRegistry
@WithEtcd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveSteeringIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String STRATEGY = "live";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String EXPERIMENT_JSON = """
            {"salt": "it", "groups": [{"name": "variant-group", "percent": 50, "strategy": "variant"}]}""";
    private static final Experiment EXPERIMENT = Experiment.parse("ab", EXPERIMENT_JSON);
    /** Users outside the experiment's group get the configured strategy. */
    private static final String U1 = user(false, 1);
    private static final String U7 = user(false, 7);

    private static StreamProcessor processor;
    private static ProcessorConfig config;

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final EtcdTestServer etcd;

    LiveSteeringIT(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) {
        this.kafka = kafka;
        this.registry = registry;
        this.etcd = etcd;
    }

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        put(etcd, Strategy.ETCD_PREFIX + STRATEGY, "{\"pinned\": {\"default\": [\"p1\"]}}");
        put(etcd, Strategy.ETCD_PREFIX + "variant", "{\"pinned\": {\"default\": [\"v1\"]}}");
        put(etcd, Experiment.ETCD_PREFIX + "ab", EXPERIMENT_JSON);
        Map<String, String> overrides = TestProcessorSettings.overrides(kafka, registry, etcd, "live-state");
        overrides.put("streamrec.processor.strategy", STRATEGY);
        overrides.put("streamrec.processor.experiment", "ab");
        config = ConfigLoader.load(ProcessorConfig.class, Optional.empty(), overrides);
        processor = new StreamProcessor(config);
        processor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    @Order(1)
    void aStrategyEditReEmitsActiveUsersRecommendationsWithoutRestart() throws Exception {
        Poll.until(TIMEOUT, () -> get("/health/ready").statusCode(), status -> status == 200);
        send(interaction("e1", U1, "i1"));
        assertThat(latestOf(U1, r -> "e1".equals(r.getTriggerEventId())).getItems().get(0).getItemId())
                .isEqualTo("p1");

        long version = put(etcd, Strategy.ETCD_PREFIX + STRATEGY, "{\"pinned\": {\"default\": [\"p2\"]}}");

        Recommendations reemitted = latestOf(U1, r -> r.getStrategyVersion() == version);
        assertThat(reemitted.getTriggerEventId()).as("caused by the edit, not by an event").isNull();
        assertThat(reemitted.getItems().get(0).getItemId()).isEqualTo("p2");
        JsonNode pulled = JSON.readTree(get("/v1/users/" + U1 + "/recommendations").body());
        assertThat(pulled.path("strategyVersion").asLong()).isEqualTo(version);
        assertThat(pulled.path("items").get(0).path("itemId").asText()).isEqualTo("p2");
        assertThat(get("/v1/users/nobody/recommendations").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void anInvalidStrategyIsRejectedReportedAndTheLastGoodOneKept() throws Exception {
        long good = strategyVersion();
        long bad = put(etcd, Strategy.ETCD_PREFIX + STRATEGY, "{\"topN\": 0}");

        String status = Poll.until(TIMEOUT, () -> value(StrategyStatus.ETCD_PREFIX + STRATEGY),
                s -> s != null && s.contains("\"valid\":false"));
        assertThat(status).contains("topN");
        assertThat(JSON.readTree(get("/v1/strategy").body()).path("etcdRevision").asLong()).isGreaterThanOrEqualTo(bad);
        assertThat(strategyVersion()).isEqualTo(good);
        assertThat(get("/metrics").body()).containsPattern("streamrec_processor_strategy_rejected_total\\{[^}]*} [1-9]");
    }

    @Test
    @Order(3)
    void afterAnEtcdRestartTheWatchResumesWithoutMissingAnUpdate() throws Exception {
        etcd.stop();
        etcd.restart();
        // written as soon as etcd is back, likely before the watch has reconnected: it must still arrive
        long version = put(etcd, Strategy.ETCD_PREFIX + STRATEGY, "{\"pinned\": {\"default\": [\"after-restart\"]}}");

        Poll.until(TIMEOUT, this::strategyVersion, v -> v == version);
        send(interaction("e2", U1, "i2"));
        assertThat(latestOf(U1, r -> "e2".equals(r.getTriggerEventId())).getItems().get(0).getItemId())
                .isEqualTo("after-restart");
    }

    @Test
    @Order(4)
    void aRetriedEventIsProcessedOnce() {
        send(interaction("dup", U7, "i1"));
        send(interaction("dup", U7, "i1"));
        send(interaction("after-dup", U7, "i2"));

        latestOf(U7, r -> "after-dup".equals(r.getTriggerEventId()));
        // "dup" and "after-dup" may share one recommendation (coalesce-ms), so the count proves the retry was dropped
        long triggeredByDup = records().stream().filter(r -> "dup".equals(r.value().getTriggerEventId())).count();
        assertThat(triggeredByDup).isLessThanOrEqualTo(1);
        assertThat(get("/metrics").body()).containsPattern("streamrec_processor_duplicates_total\\{[^}]*} 1\\.0");
    }

    @Test
    @Order(5)
    void aUserInAnExperimentGroupGetsTheGroupsStrategyAndTheGroupOnTheOutput() {
        String member = user(true, 1);
        send(interaction("exp-1", member, "i1"));

        Recommendations recommendations = latestOf(member, r -> "exp-1".equals(r.getTriggerEventId()));
        assertThat(recommendations.getExperimentGroup()).isEqualTo("variant-group");
        assertThat(recommendations.getStrategy()).isEqualTo("variant");
        assertThat(recommendations.getItems().get(0).getItemId()).isEqualTo("v1");
    }

    @Test
    @Order(6)
    void aStrategyEditMadeWhileTheProcessorWasDownReachesActiveUsersWhenItRestarts() throws Exception {
        processor.close();
        long version = put(etcd, Strategy.ETCD_PREFIX + STRATEGY, "{\"pinned\": {\"default\": [\"while-down\"]}}");

        processor = new StreamProcessor(config);
        processor.start();

        Recommendations reemitted = latestOf(U1, r -> r.getStrategyVersion() == version);
        assertThat(reemitted.getTriggerEventId()).as("caused by the restart, not by an event").isNull();
        assertThat(reemitted.getItems().get(0).getItemId()).isEqualTo("while-down");
    }

    /** The n-th user id inside (or outside) the experiment's group. */
    private static String user(boolean inGroup, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String candidate = "user-" + i;
            if ((EXPERIMENT.groupOf(candidate) != null) == inGroup && ++found == n) {
                return candidate;
            }
        }
    }

    private Recommendations latestOf(String userId, java.util.function.Predicate<Recommendations> wanted) {
        return Poll.until(TIMEOUT, () -> records().stream().map(ConsumerRecord::value)
                        .filter(r -> r.getUserId().equals(userId) && wanted.test(r)).findFirst().orElse(null),
                r -> r != null);
    }

    /** Every committed recommendation so far, oldest first per partition. */
    private List<ConsumerRecord<String, Recommendations>> records() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, Recommendations>> records = new ArrayList<>();
        try (KafkaConsumer<String, Recommendations> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerde.forValues(registry.client(), Recommendations.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECOMMENDATIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private void send(Interaction interaction) {
        kafka.send(Topics.INTERACTIONS.name(), new StringSerializer(),
                AvroSerde.forValues(registry.client(), Interaction.class), interaction.getUserId(), interaction);
    }

    private long strategyVersion() {
        try {
            return JSON.readTree(get("/v1/strategy").body()).path("version").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String value(String key) {
        try {
            var kvs = etcd.client().getKVClient().get(bytes(key)).get(5, TimeUnit.SECONDS).getKvs();
            return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }

    private static long put(EtcdTestServer etcd, String key, String json) throws Exception {
        return Poll.until(TIMEOUT, () -> {
            try {
                return etcd.client().getKVClient().put(bytes(key), bytes(json)).get(5, TimeUnit.SECONDS)
                        .getHeader().getRevision();
            } catch (Exception e) {
                return null;
            }
        }, revision -> revision != null);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }

    private static Interaction interaction(String eventId, String userId, String itemId) {
        return Interaction.newBuilder().setEventId(eventId).setUserId(userId).setItemId(itemId)
                .setType(InteractionType.view).setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setContext(Map.of()).build();
    }
}
