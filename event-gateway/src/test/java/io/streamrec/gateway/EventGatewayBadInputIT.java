package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of bad requests against a real gateway: each gets the right 4xx with an error that names what is wrong,
 * never a 5xx, and nothing of them reaches the topic.
 */
@WithSchemaRegistry
@WithEtcd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventGatewayBadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "http://shop.test";
    private static final Map<String, String> FROM_PAGE = Map.of("Origin", ORIGIN);
    private static final String JSON_TYPE = "application/json";
    private static final String VALID = "\"userId\":\"u-bad\",\"itemId\":\"i1\",\"type\":\"view\"";

    private static EventGateway gateway;
    private static GatewayClient client;
    private static String bootstrapServers;
    private static AvroSerde<Interaction> serde;

    /** One bad request: what is sent, and the status and error fragment it must get. */
    record BadRequest(String name, String method, String path, String contentType, byte[] body,
                      Map<String, String> headers, int status, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        bootstrapServers = kafka.bootstrapServers();
        serde = AvroSerde.forValues(registry.client(), Interaction.class);
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.gateway.host", "127.0.0.1");
        overrides.put("streamrec.gateway.port", "0");
        overrides.put("streamrec.gateway.max-body-bytes", "4096");
        overrides.put("streamrec.gateway.max-batch-events", "5");
        overrides.put("streamrec.gateway.max-id-length", "64");
        overrides.put("streamrec.gateway.allowed-origins", ORIGIN);
        overrides.put("streamrec.gateway.rate-limit-per-second", "10000");
        overrides.put("streamrec.gateway.rate-limit-burst", "10000");
        gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        gateway.start();
        client = new GatewayClient(gateway.port());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<BadRequest> badRequests() {
        String longId = "x".repeat(65);
        return Stream.of(
                post("empty body", "", 400, "request body has no events"),
                post("only whitespace", "  \n ", 400, "request body has no events"),
                post("empty array", "[]", 400, "request body has no events"),
                post("truncated JSON", "{\"userId\":", 400, "request body is not valid JSON"),
                post("single quotes", "{'userId':'u1'}", 400, "request body is not valid JSON"),
                post("two JSON values", "{" + VALID + "} {" + VALID + "}", 400, "more than one JSON value"),
                post("top-level string", "\"view\"", 400, "must be an event object or an array of event objects, got a string"),
                post("top-level number", "42", 400, "got a number"),
                raw("malformed UTF-8", "POST", "/v1/events", JSON_TYPE,
                        new byte[]{'{', '"', 'u', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, Map.of(),
                        400, "not valid UTF-8"),
                post("duplicate field", "{" + VALID + ",\"userId\":\"u2\"}", 400, "Duplicate field 'userId'"),
                post("missing userId", "{\"itemId\":\"i1\",\"type\":\"view\"}", 400, "userId is required"),
                post("missing itemId", "{\"userId\":\"u1\",\"type\":\"view\"}", 400, "itemId is required"),
                post("missing type", "{\"userId\":\"u1\",\"itemId\":\"i1\"}", 400, "type is required"),
                post("unknown type", "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"like\"}", 400,
                        "type must be one of view, click, add_to_cart, purchase, rate; got \\\"like\\\""),
                post("type as number", "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":3}", 400, "type must be one of"),
                post("userId as number", "{\"userId\":7,\"itemId\":\"i1\",\"type\":\"view\"}", 400,
                        "userId must be a string, got a number"),
                post("itemId as array", "{\"userId\":\"u1\",\"itemId\":[],\"type\":\"view\"}", 400,
                        "itemId must be a string, got an array"),
                post("blank userId", "{\"userId\":\"  \",\"itemId\":\"i1\",\"type\":\"view\"}", 400,
                        "userId must not be blank"),
                post("userId too long", "{\"userId\":\"" + longId + "\",\"itemId\":\"i1\",\"type\":\"view\"}", 400,
                        "userId is 65 characters long; the limit is 64"),
                post("eventId too long", "{" + VALID + ",\"eventId\":\"" + longId + "\"}", 400,
                        "eventId is 65 characters long"),
                post("eventId as object", "{" + VALID + ",\"eventId\":{}}", 400, "eventId must be a string"),
                post("eventTime without zone", "{" + VALID + ",\"eventTime\":\"2026-11-23T10:00:00\"}", 400,
                        "eventTime must be an ISO-8601"),
                post("eventTime as words", "{" + VALID + ",\"eventTime\":\"yesterday\"}", 400,
                        "eventTime must be an ISO-8601"),
                post("eventTime fractional millis", "{" + VALID + ",\"eventTime\":1.5}", 400,
                        "eventTime as a number must be whole epoch milliseconds"),
                post("eventTime far in the future", "{" + VALID + ",\"eventTime\":\"2999-01-01T00:00:00Z\"}", 400,
                        "ahead of the gateway's clock"),
                post("eventTime far in the past", "{" + VALID + ",\"eventTime\":0}", 400, "in the past"),
                post("value as string", "{" + VALID + ",\"value\":\"5\"}", 400, "value must be a number, got a string"),
                post("value too large", "{" + VALID + ",\"value\":1e999}", 400, "value is too large"),
                post("context as array", "{" + VALID + ",\"context\":[]}", 400, "context must be an object"),
                post("context value not a string", "{" + VALID + ",\"context\":{\"page\":1}}", 400,
                        "context.page must be a string"),
                post("misspelt field", "{" + VALID + ",\"contxt\":{}}", 400, "unknown field \\\"contxt\\\""),
                post("array of non-objects", "[1,2]", 400, "none of the 2 events is valid"),
                post("batch over the event limit", "[" + ("{" + VALID + "},").repeat(5) + "{" + VALID + "}]", 413,
                        "request has 6 events; the limit is 5"),
                post("body over the byte limit", "{" + VALID + ",\"context\":{\"huge\":\"" + "x".repeat(5000) + "\"}}",
                        413, "larger than the limit of 4096 bytes"),
                raw("NDJSON with a bad line", "POST", "/v1/events", "application/x-ndjson",
                        bytes("{" + VALID + "}\n{\"userId\":\n"), Map.of(), 400, "line 2 is not valid JSON"),
                raw("text/plain on /v1/events", "POST", "/v1/events", "text/plain", bytes("{" + VALID + "}"), Map.of(),
                        415, "Content-Type text/plain is not supported; send application/json or application/x-ndjson"),
                raw("no Content-Type", "POST", "/v1/events", null, bytes("{" + VALID + "}"), Map.of(), 415,
                        "Content-Type is missing"),
                raw("Latin-1 charset", "POST", "/v1/events", "application/json; charset=ISO-8859-1",
                        bytes("{" + VALID + "}"), Map.of(), 415, "charset iso-8859-1 is not supported"),
                raw("GET on /v1/events", "GET", "/v1/events", null, new byte[0], Map.of(), 405,
                        "method GET is not allowed on /v1/events; use POST"),
                raw("PUT on /v1/beacon", "PUT", "/v1/beacon", null, new byte[0], FROM_PAGE, 405,
                        "method PUT is not allowed on /v1/beacon"),
                raw("beacon as NDJSON", "POST", "/v1/beacon", "application/x-ndjson", bytes("{" + VALID + "}"),
                        FROM_PAGE, 415, "send application/json or text/plain"),
                raw("beacon not JSON", "POST", "/v1/beacon", "text/plain;charset=UTF-8", bytes("userId=u1"), FROM_PAGE,
                        400, "request body is not valid JSON"),
                raw("pixel without a query", "GET", "/v1/pixel.gif", null, new byte[0], FROM_PAGE, 400,
                        "the event goes in the query string"),
                raw("pixel with a repeated parameter", "GET", "/v1/pixel.gif?userId=u1&userId=u2&itemId=i1&type=view",
                        null, new byte[0], FROM_PAGE, 400, "query parameter userId is given 2 times"),
                raw("pixel with a bad value", "GET", "/v1/pixel.gif?userId=u1&itemId=i1&type=view&value=abc", null,
                        new byte[0], FROM_PAGE, 400, "value must be a number, got a string"),
                raw("pixel missing type", "GET", "/v1/pixel.gif?userId=u1&itemId=i1", null, new byte[0], FROM_PAGE,
                        400, "type is required"),
                raw("unknown path", "POST", "/v1/event", JSON_TYPE, bytes("{" + VALID + "}"), Map.of(), 404,
                        "no endpoint at /v1/event"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void eachBadRequestGetsItsClientErrorNamingTheProblem(BadRequest bad) throws Exception {
        HttpResponse<String> response = bad.method().equals("POST")
                ? client.post(bad.path(), bad.contentType(), bad.body(), bad.headers())
                : client.method(bad.method(), bad.path(), bad.headers());

        assertThat(response.statusCode()).as("%s: %s", bad.name(), response.body()).isEqualTo(bad.status());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText() + " " + body.path("rejected"))
                .as(bad.name()).contains(bad.error().replace("\\\"", "\""));
    }

    @Order(2)
    @Test
    void theTableCoversAtLeastThirtyCasesAndNoneOfThemWroteAnEvent() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(30);
        assertThat(InteractionsTopic.read(bootstrapServers, serde, event -> event.getUserId().equals("u-bad")))
                .isEmpty();
    }

    private static BadRequest post(String name, String body, int status, String error) {
        return raw(name, "POST", "/v1/events", JSON_TYPE, bytes(body), Map.of(), status, error);
    }

    private static BadRequest raw(String name, String method, String path, String contentType, byte[] body,
                                  Map<String, String> headers, int status, String error) {
        return new BadRequest(name, method, path, contentType, body, headers, status, error);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
