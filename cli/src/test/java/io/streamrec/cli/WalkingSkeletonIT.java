package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import io.streamrec.testkit.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded pipeline as {@code ./streamrec demo} runs it, on real parts: one event through the gateway, Kafka,
 * the processor with its strategy from etcd, to the user's WebSocket and into the graph store; and the demo traffic
 * flowing the same way.
 */
class WalkingSkeletonIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "walking-skeleton");
        pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), true);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void oneEventReachesTheUsersFeedAndTheGraph() throws Exception {
        FeedClient feed = FeedClient.connect(pipeline.urls().get("push"), "u1");

        HttpResponse<String> accepted = post("/v1/events",
                "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(1);

        JsonNode update = feed.awaitUpdateTriggeredBy("e-1", Duration.ofSeconds(20));
        assertThat(update.path("payload").path("userId").asText()).isEqualTo("u1");
        assertThat(update.path("payload").path("strategy").asText()).isEqualTo("default");
        assertThat(update.path("payload").path("strategyVersion").asLong())
                .as("the strategy was read from etcd, so its version is a mod revision").isPositive();

        JsonNode graph = Poll.until(Duration.ofSeconds(20), () -> userItems("u1"),
                items -> items.path("items").size() > 0);
        assertThat(graph.path("items").get(0).path("itemId").asText()).isEqualTo("i1");
        assertThat(graph.path("items").get(0).path("counts").path("view").asLong()).isEqualTo(1);
    }

    @Test
    void demoTrafficReachesTheGraph() {
        JsonNode popular = Poll.until(Duration.ofSeconds(30), () -> graph("/v1/graph/items/item-1/also?limit=5"),
                also -> also.has("also"));
        assertThat(popular.path("itemId").asText()).isEqualTo("item-1");
        Poll.until(Duration.ofSeconds(30), () -> simulatedUsersWithItems(), count -> count > 0);
    }

    private static long simulatedUsersWithItems() {
        return IntStream.rangeClosed(1, 200)
                .filter(n -> graph("/v1/graph/users/user-" + n + "/items").path("items").size() > 0).count();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.urls().get("gateway") + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode userItems(String user) {
        return graph("/v1/graph/users/" + user + "/items");
    }

    private static JsonNode graph(String path) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.urls().get("graph") + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

}
