package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway against a real broker and registry: what a client is told, and what lands in the topic. */
@WithSchemaRegistry
@WithEtcd
class EventGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = Topics.INTERACTIONS.name();
    private static final String TYPES = "view, click, add_to_cart, purchase, rate";

    private static KafkaTestCluster kafka;
    private static AvroSerde<Interaction> serde;
    private static Map<String, String> overrides;
    private static EventGateway gateway;

    @BeforeAll
    static void start(KafkaTestCluster cluster, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka = cluster;
        kafka.createStreamrecTopics();
        serde = AvroSerde.forValues(registry.client(), Interaction.class);
        overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.gateway.host", "127.0.0.1");
        overrides.put("streamrec.gateway.port", "0");
        overrides.put("streamrec.gateway.max-body-bytes", "4096");
        overrides.put("streamrec.gateway.max-batch-events", "5");
        gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void oneEventIsAcknowledgedThenInTheTopicKeyedByUser() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> response = postJson("{\"eventId\":\"single-1\",\"userId\":\"u-single\",\"itemId\":\"i1\","
                + "\"type\":\"view\",\"value\":2,\"context\":{\"page\":\"home\"}}");

        Instant after = Instant.now();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"accepted\":1,\"rejected\":[]}");
        List<ConsumerRecord<String, Interaction>> records = recordsOf("u-single");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("u-single");
        Interaction event = records.get(0).value();
        assertThat(event.getEventId()).isEqualTo("single-1");
        assertThat(event.getUserId()).isEqualTo("u-single");
        assertThat(event.getItemId()).isEqualTo("i1");
        assertThat(event.getType()).isEqualTo(InteractionType.view);
        assertThat(event.getValue()).isEqualTo(2.0);
        assertThat(event.getContext()).containsExactly(Map.entry("page", "home"));
        assertThat(event.getReceivedAt()).isBetween(before, after);
        assertThat(event.getEventTime()).as("defaults to the receive time").isEqualTo(event.getReceivedAt());
    }

    @Test
    void aMixedBatchAcceptsTheValidEventsAndListsTheOthers() throws Exception {
        long anHourAgo = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();

        HttpResponse<String> response = postJson("["
                + "{\"eventId\":\"batch-1\",\"userId\":\"u-batch\",\"itemId\":\"i1\",\"type\":\"click\"},"
                + "{\"userId\":\"u-batch\",\"itemId\":\"i2\",\"type\":\"like\"},"
                + "{\"userId\":\"u-batch\",\"itemId\":\"i3\",\"type\":\"purchase\",\"eventTime\":" + anHourAgo + "},"
                + "\"not an event\""
                + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"accepted\":2,\"rejected\":["
                + "{\"index\":1,\"error\":\"type must be one of " + TYPES + "; got \\\"like\\\"\"},"
                + "{\"index\":3,\"error\":\"event must be a JSON object, got a string\"}]}"));
        List<ConsumerRecord<String, Interaction>> records = recordsOf("u-batch");
        assertThat(records).extracting(record -> record.value().getItemId()).containsExactly("i1", "i3");
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("u-batch");
        assertThat(records.get(0).value().getEventId()).isEqualTo("batch-1");
        assertThat(UUID.fromString(records.get(1).value().getEventId())).as("assigned").isNotNull();
        assertThat(records.get(1).value().getEventTime()).isEqualTo(Instant.ofEpochMilli(anHourAgo));
        assertThat(records.get(1).value().getReceivedAt()).isNotNull();
    }

    @Test
    void ndjsonCarriesOneEventPerLine() throws Exception {
        HttpResponse<String> response = post("application/x-ndjson",
                "{\"userId\":\"u-ndjson\",\"itemId\":\"i1\",\"type\":\"add_to_cart\"}\n"
                        + "{\"userId\":\"u-ndjson\",\"itemId\":\"i2\",\"type\":\"rate\",\"value\":4.5}\n");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"accepted\":2,\"rejected\":[]}");
        assertThat(recordsOf("u-ndjson")).extracting(record -> record.value().getType())
                .containsExactly(InteractionType.add_to_cart, InteractionType.rate);
    }

    @Test
    void aRequestWithNoValidEventIs400WithEachErrorAndWritesNothing() throws Exception {
        HttpResponse<String> response = postJson("[{\"userId\":\"u-invalid\",\"type\":\"view\"},"
                + "{\"userId\":\"u-invalid\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":\"yesterday\"}]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").textValue()).isEqualTo("none of the 2 events is valid; see rejected");
        assertThat(body.get("accepted").intValue()).isZero();
        assertThat(body.get("rejected").get(0).get("error").textValue()).isEqualTo("itemId is required");
        assertThat(body.get("rejected").get(1).get("error").textValue()).startsWith("eventTime must be an ISO-8601");
        assertThat(recordsOf("u-invalid")).isEmpty();
    }

    @Test
    void aSingleInvalidEventIsNamedInTheError() throws Exception {
        HttpResponse<String> response = postJson("{\"userId\":\"u1\",\"itemId\":\"i1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").textValue())
                .isEqualTo("event rejected: type is required: one of " + TYPES);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> response = postJson("{\"userId\":\"u1\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").textValue())
                .startsWith("request body is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void tooLargeBodiesAndBatchesAre413() throws Exception {
        HttpResponse<String> body = postJson("[" + "{},".repeat(2000) + "{}]");
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.body()).isEqualTo("{\"error\":\"request body is larger than the limit of 4096 bytes;"
                + " send fewer events per request\"}");

        HttpResponse<String> batch = postJson("[{},{},{},{},{},{}]");
        assertThat(batch.statusCode()).isEqualTo(413);
        assertThat(batch.body()).isEqualTo("{\"error\":\"request has 6 events; the limit is 5 events per request\"}");
    }

    @Test
    void wrongContentTypeIs415AndWrongMethodIs405() throws Exception {
        HttpResponse<String> text = post("text/plain", "{}");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).isEqualTo("{\"error\":\"Content-Type text/plain is not supported;"
                + " send application/json or application/x-ndjson\"}");

        HttpResponse<String> get = send(request("/v1/events").GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).isEqualTo("{\"error\":\"method GET is not allowed on /v1/events; use POST\"}");
    }

    @Test
    void readyWhenKafkaAndTheRegistryAnswer() throws Exception {
        HttpResponse<String> ready = send(request("/health/ready").GET());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"kafka\":\"UP\",\"schema-registry\":\"UP\"}}");
    }

    @Test
    void metricsCountEventsAndTimeTheAcknowledgements() throws Exception {
        postJson("{\"userId\":\"u-metrics\",\"itemId\":\"i1\",\"type\":\"view\"}");
        postJson("{\"userId\":\"u-metrics\",\"type\":\"view\"}");

        String metrics = send(request("/metrics").GET()).body();

        assertThat(metrics).contains("streamrec_gateway_events_accepted_total{service=\"event-gateway\"}")
                .contains("streamrec_gateway_events_rejected_total{reason=\"invalid\",service=\"event-gateway\"}")
                .contains("streamrec_gateway_responses_total{service=\"event-gateway\",status=\"2xx\"}")
                .contains("streamrec_gateway_produce_latency_seconds_bucket{")
                .contains("streamrec_gateway_requests_in_flight{service=\"event-gateway\"}");
    }

    @Test
    void closingUnderLoadLosesNoAcceptedEvent() throws Exception {
        EventGateway second = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        second.start();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String event = "{\"eventId\":\"drain-" + i + "\",\"userId\":\"u-drain\",\"itemId\":\"i\",\"type\":\"view\"}";
            responses.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        responses.get(0).join();

        second.close();

        Set<String> answered202 = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).exceptionally(refused -> null).join();
            if (response != null) {
                assertThat(response.statusCode()).as("202, or 503 once the drain began").isIn(202, 503);
                if (response.statusCode() == 202) {
                    answered202.add("drain-" + i);
                }
            }
        }
        assertThat(answered202).isNotEmpty();
        assertThat(recordsOf("u-drain")).extracting(record -> record.value().getEventId())
                .as("every event answered 202 is in the topic").containsAll(answered202);
    }

    /** Every record of the user in the topic, read to its end: a 202 means the records are already there. */
    private static List<ConsumerRecord<String, Interaction>> recordsOf(String userId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<String, Interaction>> records = new ArrayList<>();
        try (KafkaConsumer<String, Interaction> consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 30 s", TOPIC).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.key().equals(userId)) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    private static HttpResponse<String> postJson(String body) throws Exception {
        return post("application/json", body);
    }

    private static HttpResponse<String> post(String contentType, String body) throws Exception {
        return send(request("/v1/events").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
