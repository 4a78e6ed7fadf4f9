package io.streamrec.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.sink.store.EdgeView;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestGraphDb;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithArcadeDb;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink end to end on a real broker, schema registry and embedded ArcadeDB: records produced with the Avro serdes
 * reach the graph API, offsets are committed only once the store holds the records, a pending batch is written on
 * close, and a failing store is retried without losing records.
 */
@WithSchemaRegistry
@WithArcadeDb
class GraphSinkIT {
    private static final String TOPIC = Topics.USER_ITEM_EDGES.name();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaTestCluster kafka;
    private final TestSchemaRegistry registry;
    private final TestGraphDb graph;
    private final HttpClient http = HttpClient.newHttpClient();

    GraphSinkIT(KafkaTestCluster kafka, TestSchemaRegistry registry, TestGraphDb graph) {
        this.kafka = kafka;
        this.registry = registry;
        this.graph = graph;
    }

    @BeforeAll
    static void createTopics(KafkaTestCluster kafka) {
        kafka.createStreamrecTopics();
    }

    @Test
    void edgesReachTheGraphApiAndOffsetsAreCommittedAfterTheWrite() throws Exception {
        send(edge("it1-user", "it1-a", Map.of("view", 1L), 1.0, 0, 1));
        send(edge("it1-user", "it1-b", Map.of("view", 2L), 2.0, 0, 2));
        // a later absolute aggregate for the same pair replaces the first one
        send(UserItemEdge.newBuilder(edge("it1-user", "it1-a", Map.of("view", 3L, "purchase", 1L), 8.0, 0, 9))
                .setUserAttributes(Map.of("country", new AttributeValue("FR", T0.plusSeconds(540))))
                .setItemAttributes(Map.of("name", new AttributeValue("Red shoe", T0.plusSeconds(60)))).build());
        kafka.send(TOPIC, new ByteArraySerializer(), new ByteArraySerializer(),
                keys().serialize(TOPIC, new UserItemKey("it1-user", "it1-bad")), new byte[]{0, 0, 0, 0});
        String group = "it-graph-sink-api";

        try (GraphSink sink = startSink(group, 50, 100, new ArcadeDbGraphStore(graph.database()))) {
            JsonNode body = Poll.until(TIMEOUT, () -> getJson(sink, "/v1/graph/users/it1-user/items"),
                    json -> json.path("items").size() == 2
                            && json.path("items").get(0).path("counts").path("view").asLong() == 3);

            assertThat(body.path("userId").asText()).isEqualTo("it1-user");
            JsonNode latest = body.path("items").get(0);
            assertThat(latest.path("itemId").asText()).isEqualTo("it1-a");
            assertThat(latest.path("counts").path("purchase").asLong()).isEqualTo(1);
            assertThat(latest.path("weight").asDouble()).isEqualTo(8.0);
            assertThat(latest.path("firstSeen").asText()).isEqualTo("2026-11-01T10:00:00Z");
            assertThat(latest.path("lastSeen").asText()).isEqualTo("2026-11-01T10:09:00Z");
            assertThat(body.path("items").get(1).path("itemId").asText()).isEqualTo("it1-b");

            assertThat(getJson(sink, "/v1/graph/items/it1-a").path("attributes").path("name").path("value").asText())
                    .isEqualTo("Red shoe");
            assertThat(getJson(sink, "/v1/graph/users/it1-user").path("attributes").path("country").path("time")
                    .asText()).isEqualTo("2026-11-01T10:09:00Z");

            JsonNode also = getJson(sink, "/v1/graph/items/it1-b/also");
            assertThat(also.path("also").get(0).path("itemId").asText()).isEqualTo("it1-a");
            assertThat(also.path("also").get(0).path("users").asLong()).isEqualTo(1);

            Map<TopicPartition, Long> end = endOffsets();
            Poll.until(TIMEOUT, () -> committed(group), committed -> committed.equals(end));
            assertThat(metric(sink, "streamrec_sink_records_skipped_total", "undecodable-value")).isEqualTo(1.0);
            // the other meters: batch size, write latency, edges written, and the consumer's lag
            assertThat(metric(sink, "streamrec_sink_batch_records_count", "")).isGreaterThanOrEqualTo(1.0);
            // the topic is shared by this class's tests, which each read it from the start: at least this test's records
            assertThat(metric(sink, "streamrec_sink_batch_records_sum", "")).isGreaterThanOrEqualTo(4.0);
            assertThat(metric(sink, "streamrec_sink_write_seconds_count", "")).isGreaterThanOrEqualTo(1.0);
            assertThat(metric(sink, "streamrec_sink_edges_written_total", "")).isGreaterThanOrEqualTo(3.0);
            assertThat(metric(sink, "kafka_consumer_fetch_manager_records_lag_max", "")).isGreaterThanOrEqualTo(0.0);
            assertThat(getStatus(sink, "/health/ready")).isEqualTo(200);
        }
    }

    @Test
    void closeWritesAndCommitsThePendingBatch() throws Exception {
        send(edge("it2-user", "it2-a", Map.of("click", 1L), 1.5, 0, 3));
        Map<TopicPartition, Long> end = endOffsets();
        long recordsInTopic = end.values().stream().mapToLong(Long::longValue).sum();
        String group = "it-graph-sink-close";
        ArcadeDbGraphStore store = new ArcadeDbGraphStore(graph.database());
        // a linger far beyond the test: only close() can make this batch written
        GraphSink sink = startSink(group, 600_000, 1000, store);
        try {
            Poll.until(TIMEOUT, () -> metric(sink, "streamrec_sink_batch_pending", ""),
                    pending -> pending == recordsInTopic);

            assertThat(store.itemsOfUser("it2-user", 10)).isEmpty();
            assertThat(committed(group)).isEmpty();
        } finally {
            sink.close();
        }

        ArcadeDbGraphStore reader = new ArcadeDbGraphStore(graph.database());
        assertThat(reader.itemsOfUser("it2-user", 10)).extracting(EdgeView::itemId).containsExactly("it2-a");
        assertThat(committed(group)).isEqualTo(end);
    }

    @Test
    void aFailingStoreIsRetriedWithoutLosingRecords() throws Exception {
        send(edge("it3-user", "it3-a", Map.of("add_to_cart", 1L), 3.0, 0, 4));
        String group = "it-graph-sink-retry";
        GraphStore flaky = new FailingFirstWritesStore(new ArcadeDbGraphStore(graph.database()), 3, true);

        try (GraphSink sink = startSink(group, 50, 100, flaky)) {
            Poll.until(TIMEOUT, () -> getJson(sink, "/v1/graph/users/it3-user/items"),
                    json -> json.path("items").size() == 1);

            Map<TopicPartition, Long> end = endOffsets();
            Poll.until(TIMEOUT, () -> committed(group), committed -> committed.equals(end));
            assertThat(metric(sink, "streamrec_sink_errors_total", "kind=\"retriable\"")).isEqualTo(3.0);
            assertThat(metric(sink, "streamrec_sink_paused", "")).isEqualTo(0.0);
        }
    }

    @Test
    void aNonRetriableStoreErrorStopsConsumingWithoutCommitting() throws Exception {
        send(edge("it4-user", "it4-a", Map.of("rate", 1L), 1.0, 0, 1));
        String group = "it-graph-sink-fatal";
        GraphStore broken = new FailingFirstWritesStore(new ArcadeDbGraphStore(graph.database()), 1, false);

        try (GraphSink sink = startSink(group, 50, 100, broken)) {
            Poll.until(TIMEOUT, () -> metric(sink, "streamrec_sink_errors_total", "kind=\"fatal\""),
                    errors -> errors == 1.0);

            Poll.until(TIMEOUT, () -> getStatus(sink, "/health/ready"), status -> status == 503);
            assertThat(committed(group)).isEmpty();
            assertThat(getJson(sink, "/v1/graph/users/it4-user/items").path("items")).isEmpty();
        }
    }

    private GraphSink startSink(String group, long lingerMs, int batchSize, GraphStore store) {
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.put("streamrec.sink.host", "127.0.0.1");
        overrides.put("streamrec.sink.port", "0");
        overrides.put("streamrec.sink.group-id", group);
        overrides.put("streamrec.sink.linger-ms", Long.toString(lingerMs));
        overrides.put("streamrec.sink.batch-size", Integer.toString(batchSize));
        GraphSink sink = new GraphSink(ConfigLoader.load(SinkConfig.class, Optional.empty(), overrides), store);
        sink.start();
        return sink;
    }

    private void send(UserItemEdge edge) {
        kafka.send(TOPIC, keys(), AvroSerde.forValues(registry.client(), UserItemEdge.class),
                new UserItemKey(edge.getUserId(), edge.getItemId()), edge);
    }

    private AvroSerde<UserItemKey> keys() {
        return AvroSerde.forKeys(registry.client(), UserItemKey.class);
    }

    private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = kafka.admin().describeTopics(List.of(TOPIC)).allTopicNames().get()
                .get(TOPIC).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
        return kafka.admin().listOffsets(latest).all().get().entrySet().stream()
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets on partitions that have any. */
    private Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the offsets of " + group + ": " + e.getCause(), e);
        }
    }

    private JsonNode getJson(GraphSink sink, String path) {
        try {
            HttpResponse<String> response = get(sink, path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int getStatus(GraphSink sink, String path) {
        return get(sink, path).statusCode();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labelPart}. */
    private double metric(GraphSink sink, String name, String labelPart) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(get(sink, "/metrics").body());
        while (matcher.find()) {
            if (matcher.group(1).contains(labelPart)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new IllegalStateException("no sample of " + name + " with " + labelPart);
    }

    private HttpResponse<String> get(GraphSink sink, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UserItemEdge edge(String user, String item, Map<String, Long> counts, double weight,
                                     long firstMinute, long lastMinute) {
        return UserItemEdge.newBuilder().setUserId(user).setItemId(item).setCounts(counts).setWeight(weight)
                .setFirstSeen(T0.plusSeconds(60 * firstMinute)).setLastSeen(T0.plusSeconds(60 * lastMinute)).build();
    }
}
