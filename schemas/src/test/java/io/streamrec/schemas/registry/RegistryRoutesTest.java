package io.streamrec.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API's reads and refusals on a real Undertow server over a store filled as the topic would fill it. Writes
 * need Kafka: they are tested on a real broker in testkit, so these routes get no writer and no test here reaches one.
 */
class RegistryRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Undertow server;
    private static String baseUrl;

    /** A status, the content type and the parsed body. */
    record Answer(int status, String contentType, JsonNode body) {
    }

    @BeforeAll
    static void startServer() {
        SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD);
        store.apply(new RegisteredSchema("users-value", 1, 1, CanonicalSchema.parse(AvroTestSchemas.USER_V1).canonical()));
        store.apply(new RegisteredSchema("users-value", 2, 2,
                CanonicalSchema.parse(AvroTestSchemas.USER_V2_FIELD_WITH_DEFAULT).canonical()));
        store.apply(new CompatibilitySetting("users-value", CompatibilityLevel.FULL));
        store.apply(new RegisteredSchema("odd name+value", 1, 1, CanonicalSchema.parse(AvroTestSchemas.USER_V1).canonical()));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(RegistryRoutes.create(store, null)).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        baseUrl = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static Answer call(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    private static Answer get(String path) throws Exception {
        return call("GET", path, null, null);
    }

    private static Answer post(String path, String body) throws Exception {
        return call("POST", path, body, RegistryExchange.CONTENT_TYPE);
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body().path("error_code").asInt()).isEqualTo(errorCode);
        assertThat(answer.body().path("message").asText()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void aSubjectVersionHasConfluentsShape() throws Exception {
        Answer latest = get("/subjects/users-value/versions/latest");

        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(latest.body()).isEqualTo(JSON.createObjectNode().put("subject", "users-value").put("version", 2)
                .put("id", 2).put("schema", CanonicalSchema.parse(AvroTestSchemas.USER_V2_FIELD_WITH_DEFAULT).canonical()));
        assertThat(get("/subjects/users-value/versions/1").body().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void listsAndSchemasById() throws Exception {
        assertThat(get("/subjects").body().toString()).isEqualTo("[\"odd name+value\",\"users-value\"]");
        assertThat(get("/subjects/users-value/versions").body().toString()).isEqualTo("[1,2]");
        assertThat(get("/schemas/ids/1").body().path("schema").asText())
                .isEqualTo(CanonicalSchema.parse(AvroTestSchemas.USER_V1).canonical());
    }

    @Test
    void unknownThingsAreReportedWithConfluentCodes() throws Exception {
        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/users-value/versions/9"), 404, 40402);
        assertError(get("/subjects/users-value/versions/first"), 422, 42202);
        assertError(get("/schemas/ids/99"), 404, 40403);
        assertError(get("/schemas/ids/abc"), 404, 40403);
        assertError(get("/no/such/endpoint"), 404, 404);
        assertError(call("DELETE", "/subjects", null, null), 405, 405);
    }

    @Test
    void subjectsInThePathAreUrlDecoded() throws Exception {
        assertThat(get("/subjects/odd%20name%2Bvalue/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void jsonWithACharsetIsAccepted() throws Exception {
        Answer found = call("POST", "/subjects/users-value", schemaBody(AvroTestSchemas.USER_V1),
                "application/json; charset=utf-8");

        assertThat(found.status()).isEqualTo(200);
    }

    @Test
    void lookupFindsTheVersionOfAKnownSchema() throws Exception {
        Answer found = post("/subjects/users-value", schemaBody(AvroTestSchemas.USER_V1_REFORMATTED));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("version").asInt()).isEqualTo(1);
        assertError(post("/subjects/users-value", schemaBody(AvroTestSchemas.USER_ID_AS_INT)), 404, 40403);
        assertError(post("/subjects/nope", schemaBody(AvroTestSchemas.USER_V1)), 404, 40401);
    }

    @Test
    void badRequestBodiesAreRefusedBeforeAnythingIsWritten() throws Exception {
        assertError(post("/subjects/users-value/versions", schemaBody("{\"type\": \"record\"")), 422, 42201);
        assertError(post("/subjects/users-value/versions", "{\"schema\": \"\\\"int\\\"\", \"schemaType\": \"PROTOBUF\"}"),
                422, 42201);
        assertError(post("/subjects/users-value/versions", "not json"), 400, 400);
        assertError(post("/subjects/users-value/versions", "{\"schema\": 7}"), 400, 400);
        assertError(call("POST", "/subjects/users-value/versions", schemaBody(AvroTestSchemas.USER_V1), "text/plain"),
                415, 415);
        assertError(call("PUT", "/config/users-value", "{\"compatibility\": \"SIDEWAYS\"}", "application/json"),
                422, 42203);
    }

    @Test
    void theParsersReasonReachesTheClient() throws Exception {
        Answer invalid = post("/subjects/users-value/versions", schemaBody("{\"type\": \"record\""));

        assertThat(invalid.body().path("message").asText()).startsWith("Invalid schema: not valid JSON:").contains("line 1");
    }

    @Test
    void compatibilityIsCheckedAtTheSubjectsLevelWithReasonsOnRequest() throws Exception {
        String path = "/compatibility/subjects/users-value/versions/latest";

        assertThat(post(path, schemaBody(AvroTestSchemas.USER_V2_FIELD_WITH_DEFAULT)).body().toString())
                .isEqualTo("{\"is_compatible\":true}");
        Answer refused = post(path + "?verbose=true", schemaBody(AvroTestSchemas.USER_V2_FIELD_WITHOUT_DEFAULT));
        assertThat(refused.body().path("is_compatible").asBoolean()).isFalse();
        assertThat(refused.body().path("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "age");
        assertError(post("/compatibility/subjects/nope/versions/latest", schemaBody(AvroTestSchemas.USER_V1)), 404, 40401);
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() throws Exception {
        assertThat(get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(get("/config/users-value").body().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertError(get("/config/other-value"), 404, 40408);
        assertThat(get("/config/other-value?defaultToGlobal=true").body().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }
}
