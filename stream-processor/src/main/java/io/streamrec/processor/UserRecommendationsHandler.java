package io.streamrec.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamrec.common.http.Json;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Recommendations;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /v1/users/{id}/recommendations}: the user's latest recommendations, from the state store of the instance
 * owning the user's partition. When scaled out, a request reaching another instance is forwarded to the owner found
 * through Kafka Streams metadata (one hop; the forwarded request carries {@code X-Streamrec-Forwarded} so it is never
 * forwarded again). 404 when the user has none.
 */
final class UserRecommendationsHandler implements PullEndpoint.Answer {
    static final String TEMPLATE = "/v1/users/{id}/recommendations";
    private static final String FORWARDED = "X-Streamrec-Forwarded";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public void answer(HttpServerExchange exchange, String userId, PullQueries pull) throws InterruptedException {
        Optional<HostInfo> owner = exchange.getRequestHeaders().contains(FORWARDED) ? Optional.empty()
                : pull.ownerOf(userId);
        if (owner.isPresent()) {
            forward(exchange, owner.get(), userId);
            return;
        }
        Optional<Recommendations> latest = pull.latestOf(userId);
        if (latest.isEmpty()) {
            Json.error(exchange, StatusCodes.NOT_FOUND, "no recommendations for user " + userId + " yet");
            return;
        }
        Json.send(exchange, StatusCodes.OK, toJson(latest.get()));
    }

    private void forward(HttpServerExchange exchange, HostInfo owner, String userId) throws InterruptedException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/v1/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/recommendations");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header(FORWARDED, "1")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Json.send(exchange, response.statusCode(), response.body());
        } catch (IOException e) {
            Json.error(exchange, StatusCodes.BAD_GATEWAY, "the instance owning user " + userId + " at " + owner
                    + " did not answer: " + e.getMessage());
        }
    }

    static String toJson(Recommendations recommendations) {
        ObjectNode root = JSON.createObjectNode();
        root.put("userId", recommendations.getUserId());
        root.put("strategy", recommendations.getStrategy());
        root.put("strategyVersion", recommendations.getStrategyVersion());
        root.put("experimentGroup", recommendations.getExperimentGroup());
        root.put("generatedAt", recommendations.getGeneratedAt().toString());
        root.put("triggerEventId", recommendations.getTriggerEventId());
        root.put("triggerEventTime", recommendations.getTriggerEventTime() == null ? null
                : recommendations.getTriggerEventTime().toString());
        ArrayNode items = root.putArray("items");
        for (RecommendedItem item : recommendations.getItems()) {
            ObjectNode node = items.addObject();
            node.put("itemId", item.getItemId());
            node.put("score", item.getScore());
            ObjectNode sources = node.putObject("sources");
            item.getSources().forEach(sources::put);
        }
        return root.toString();
    }
}
