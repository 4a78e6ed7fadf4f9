package io.streamrec.sink.api;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph API on a real Undertow server over a real embedded ArcadeDB, no broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphApiTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private Database db;
    private HttpService http;

    @BeforeAll
    void startApi() {
        db = new DatabaseFactory(Path.of("target", "arcadedb-tests", UUID.randomUUID().toString()).toString()).create();
        ArcadeDbGraphStore store = new ArcadeDbGraphStore(db);
        store.upsertEdges(List.of(
                UserItemEdge.newBuilder(edge("u1", "x", Map.of("view", 3L, "purchase", 1L), 7.5, 0, 10))
                        .setUserAttributes(Map.of("country", new AttributeValue("FR", T0.plusSeconds(600))))
                        .setItemAttributes(Map.of("name", new AttributeValue("Red shoe", T0),
                                "category", new AttributeValue("shoes", T0.plusSeconds(60)))).build(),
                edge("u1", "a", Map.of("view", 1L), 1.0, 0, 20),
                edge("u2", "x", Map.of("purchase", 1L), 5.0, 0, 5),
                edge("u2", "a", Map.of("purchase", 2L), 10.0, 0, 6),
                edge("u2", "b", Map.of("view", 1L), 1.0, 0, 7),
                // ids are any string: the API must reach them percent-encoded, slash included
                edge("shop/ü+1 x", "sku/9", Map.of("view", 1L), 1.0, 0, 1),
                edge("literal%2Fid", "sku/9", Map.of("view", 1L), 1.0, 0, 1)));
        http = new HttpService("graph-api-test", "127.0.0.1", 0, GraphApi.routes(store), new Readiness(),
                Metrics.prometheus("graph-api-test"));
        http.start();
    }

    @AfterAll
    void stopApi() throws InterruptedException {
        http.close();
        if (db.isOpen()) {
            db.drop();
        }
    }

    @Test
    void itemsOfAUserMostRecentFirst() throws Exception {
        HttpResponse<String> response = get("/v1/graph/users/u1/items");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("userId").asText()).isEqualTo("u1");
        assertThat(body.path("items")).hasSize(2);
        JsonNode x = body.path("items").get(1);
        assertThat(body.path("items").get(0).path("itemId").asText()).isEqualTo("a");
        assertThat(x.path("itemId").asText()).isEqualTo("x");
        assertThat(x.path("counts").path("view").asLong()).isEqualTo(3);
        assertThat(x.path("counts").path("purchase").asLong()).isEqualTo(1);
        assertThat(x.path("weight").asDouble()).isEqualTo(7.5);
        assertThat(x.path("firstSeen").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(x.path("lastSeen").asText()).isEqualTo("2026-11-01T10:10:00Z");
    }

    @Test
    void aUserOrAnItemWithItsSpanAndAttributes() throws Exception {
        HttpResponse<String> user = get("/v1/graph/users/u1");
        HttpResponse<String> item = get("/v1/graph/items/x");

        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        assertThat(JSON.readTree(user.body())).isEqualTo(JSON.readTree("""
                {"userId":"u1","firstSeen":"2026-11-01T10:00:00Z","lastSeen":"2026-11-01T10:20:00Z",
                 "attributes":{"country":{"value":"FR","time":"2026-11-01T10:10:00Z"}}}"""));
        assertThat(item.statusCode()).as(item.body()).isEqualTo(200);
        assertThat(item.body()).isEqualTo("{\"itemId\":\"x\",\"firstSeen\":\"2026-11-01T10:00:00Z\","
                + "\"lastSeen\":\"2026-11-01T10:10:00Z\",\"attributes\":{"
                + "\"category\":{\"value\":\"shoes\",\"time\":\"2026-11-01T10:01:00Z\"},"
                + "\"name\":{\"value\":\"Red shoe\",\"time\":\"2026-11-01T10:00:00Z\"}}}");
        assertThat(JSON.readTree(get("/v1/graph/items/a").body()).path("attributes").isEmpty()).isTrue();
        assertThat(JSON.readTree(get("/v1/graph/items/sku%2F9").body()).path("itemId").asText()).isEqualTo("sku/9");
    }

    @Test
    void anUnknownUserOrItemIs404() throws Exception {
        assertError(get("/v1/graph/users/nobody"), 404, "the graph has no user 'nobody'");
        assertError(get("/v1/graph/items/nothing"), 404, "the graph has no item 'nothing'");
        assertError(get("/v1/graph/items/%20"), 400, "must not be blank");
    }

    @Test
    void idsArePercentDecodedFromThePathSlashIncluded() throws Exception {
        HttpResponse<String> items = get("/v1/graph/users/shop%2F%C3%BC%2B1%20x/items");
        HttpResponse<String> also = get("/v1/graph/items/sku%2F9/also");

        assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(items.body());
        assertThat(body.path("userId").asText()).isEqualTo("shop/ü+1 x");
        assertThat(body.path("items").get(0).path("itemId").asText()).isEqualTo("sku/9");
        assertThat(also.statusCode()).as(also.body()).isEqualTo(200);
        assertThat(JSON.readTree(also.body()).path("itemId").asText()).isEqualTo("sku/9");
        // decoded once: an encoded percent sign stays a percent sign
        assertThat(JSON.readTree(get("/v1/graph/users/literal%252Fid/items").body()).path("items")).hasSize(1);
    }

    @Test
    void limitCutsTheList() throws Exception {
        JsonNode body = JSON.readTree(get("/v1/graph/users/u1/items?limit=1").body());

        assertThat(body.path("items")).hasSize(1);
        assertThat(body.path("items").get(0).path("itemId").asText()).isEqualTo("a");
    }

    @Test
    void anUnknownUserHasNoItemsYet() throws Exception {
        HttpResponse<String> response = get("/v1/graph/users/nobody/items");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("items")).isEmpty();
    }

    @Test
    void alsoInteractedRanksBySharedUsers() throws Exception {
        HttpResponse<String> response = get("/v1/graph/items/x/also");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("itemId").asText()).isEqualTo("x");
        assertThat(body.path("also")).hasSize(2);
        assertThat(body.path("also").get(0).path("itemId").asText()).isEqualTo("a");
        assertThat(body.path("also").get(0).path("users").asLong()).isEqualTo(2);
        assertThat(body.path("also").get(1).path("itemId").asText()).isEqualTo("b");
    }

    @Test
    void alsoInteractedFiltersByType() throws Exception {
        JsonNode body = JSON.readTree(get("/v1/graph/items/x/also?type=purchase&limit=10").body());

        assertThat(body.path("also")).hasSize(1);
        assertThat(body.path("also").get(0).path("itemId").asText()).isEqualTo("a");
        assertThat(body.path("also").get(0).path("users").asLong()).isEqualTo(1);
    }

    @Test
    void badParametersAre400WithTheReason() throws Exception {
        assertError(get("/v1/graph/users/u1/items?limit=abc"), 400, "limit must be an integer from 1 to 1000");
        assertError(get("/v1/graph/users/u1/items?limit=0"), 400, "got '0'");
        assertError(get("/v1/graph/items/x/also?limit=1001"), 400, "got '1001'");
        assertError(get("/v1/graph/items/x/also?limit=1&limit=2"), 400, "limit must be given once");
        assertError(get("/v1/graph/items/x/also?type=like"), 400, "type must be one of view, click");
        assertError(get("/v1/graph/users/%20/items"), 400, "must not be blank");
    }

    @Test
    void unknownRoutesAre404AndOtherMethods405() throws Exception {
        assertError(get("/v1/graph/users/u1/friends"), 404, "no such resource");
        assertError(get("/v1/graph/items/x/also/more"), 404, "no such resource");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/v1/graph/users/u1/items"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertError(post, 405, "POST is not allowed");
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains(message);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }

    private static UserItemEdge edge(String user, String item, Map<String, Long> counts, double weight,
                                     long firstMinute, long lastMinute) {
        return UserItemEdge.newBuilder().setUserId(user).setItemId(item).setCounts(counts).setWeight(weight)
                .setFirstSeen(T0.plusSeconds(60 * firstMinute)).setLastSeen(T0.plusSeconds(60 * lastMinute)).build();
    }
}
