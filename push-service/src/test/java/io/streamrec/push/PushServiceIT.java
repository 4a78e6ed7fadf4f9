package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithSchemaRegistry
class PushServiceIT {
    private static final String SECRET = "push-service-it-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger USERS = new AtomicInteger();

    private static KafkaTestCluster kafka;
    private static TestSchemaRegistry registry;
    private static AvroSerde<Recommendations> serde;
    private static PushService push;

    @BeforeAll
    static void start(KafkaTestCluster cluster, TestSchemaRegistry schemaRegistry) throws Exception {
        kafka = cluster;
        registry = schemaRegistry;
        kafka.createStreamrecTopics();
        serde = AvroSerde.forValues(registry.client(), Recommendations.class);
        push = startService(Map.of(
                "streamrec.push.demo-mode", "true",
                "streamrec.push.ping-interval-seconds", "1",
                "streamrec.push.idle-timeout-seconds", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (push != null) {
            push.close();
        }
    }

    @Test
    void aUserReceivesTheirOwnUpdatesAndNeverSomeoneElses() throws Exception {
        String alice = newUser();
        String bob = newUser();
        try (FeedClient aliceFeed = FeedClient.connect(push.port(), token(alice));
             FeedClient bobFeed = FeedClient.connect(push.port(), token(bob))) {
            // bob's update first, and seen by bob, so it had every chance to leak to alice
            produce(recommendations(bob, "for-bob"));
            bobFeed.awaitRecommendations(payload -> firstItem(payload).equals("for-bob"));
            produce(recommendations(alice, "for-alice"));

            JsonNode received = aliceFeed.awaitRecommendations(payload -> firstItem(payload).equals("for-alice"));

            assertThat(received.get("seq").asLong()).isNotNegative();
            assertThat(received.get("payload").get("userId").asText()).isEqualTo(alice);
            assertThat(aliceFeed.messages().get(0).get("type").asText()).isEqualTo("hello");
            assertThat(aliceFeed.messages().get(0).get("userId").asText()).isEqualTo(alice);
            assertThat(aliceFeed.recommendations()).extracting(m -> m.get("payload").get("userId").asText())
                    .containsOnly(alice);
            assertThat(bobFeed.recommendations()).extracting(m -> m.get("payload").get("userId").asText())
                    .containsOnly(bob);
        }
    }

    @Test
    void theLatestSnapshotArrivesAtOnceOnConnect() throws Exception {
        String user = newUser();
        try (FeedClient first = FeedClient.connect(push.port(), token(user))) {
            produce(recommendations(user, "snapshot-item"));
            first.awaitRecommendations(payload -> firstItem(payload).equals("snapshot-item"));
        }

        try (FeedClient later = FeedClient.connect(push.port(), token(user))) {
            JsonNode snapshot = later.awaitRecommendations(payload -> firstItem(payload).equals("snapshot-item"));

            assertThat(snapshot.get("payload").get("strategy").asText()).isEqualTo("it-strategy");
            assertThat(later.messages()).extracting(m -> m.get("type").asText())
                    .containsExactly("hello", "recommendations");
        }
    }

    @Test
    void aNewerUpdateHasAHigherSeqAndIsTheLastOneShown() throws Exception {
        String user = newUser();
        try (FeedClient feed = FeedClient.connect(push.port(), token(user))) {
            produce(recommendations(user, "older"));
            produce(recommendations(user, "newer"));

            feed.awaitRecommendations(payload -> firstItem(payload).equals("newer"));

            List<JsonNode> updates = feed.recommendations();
            assertThat(firstItem(updates.get(updates.size() - 1).get("payload"))).isEqualTo("newer");
            assertThat(updates).extracting(m -> m.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aTokenOfferedAsSubprotocolIsAcceptedAndTheFeedProtocolSelected() throws Exception {
        String user = newUser();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols(PushRoutes.FEED_SUBPROTOCOL, FeedTokens.SUBPROTOCOL_PREFIX + token(user));
        try (FeedClient feed = FeedClient.connect(builder, URI.create("ws://127.0.0.1:" + push.port() + "/v1/feed"))) {
            assertThat(feed.socket().getSubprotocol()).isEqualTo(PushRoutes.FEED_SUBPROTOCOL);
            Poll.untilTrue(FeedClient.DEADLINE, () -> !feed.messages().isEmpty(), "hello");
            assertThat(feed.messages().get(0).get("userId").asText()).isEqualTo(user);
        }
    }

    @Test
    void badTokensAreRefusedWith401BeforeTheUpgrade() throws Exception {
        String user = newUser();
        String valid = token(user);
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        String foreign = new FeedTokens("another-secret-0123456789abcdef-xyz".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC()).issue(user, Duration.ofMinutes(5));
        String expired = new FeedTokens(SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC)).issue(user, Duration.ofHours(1));

        for (String bad : List.of(tampered, foreign, expired, "garbage")) {
            assertThatThrownBy(() -> FeedClient.connect(push.port(), bad))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void theRefusalExplainsItselfInJson() throws Exception {
        HttpResponse<String> missing = get("/v1/feed");
        HttpResponse<String> expired = get("/v1/feed?token=" + new FeedTokens(SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC)).issue("u", Duration.ofHours(1)));
        HttpResponse<String> notAnUpgrade = get("/v1/feed?token=" + token(newUser()));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).startsWith("missing token");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).get("error").asText()).startsWith("token expired");
        assertThat(notAnUpgrade.statusCode()).isEqualTo(426);
    }

    @Test
    void aPageFromAnotherOriginIsRefusedAndOneFromThisServerIsNot() throws Exception {
        String user = newUser();
        URI feed = URI.create("ws://127.0.0.1:" + push.port() + "/v1/feed?token=" + token(user));

        assertThatThrownBy(() -> FeedClient.connect(
                HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://evil.example"), feed))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        try (FeedClient sameOrigin = FeedClient.connect(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + push.port()), feed)) {
            Poll.untilTrue(FeedClient.DEADLINE, () -> !sameOrigin.messages().isEmpty(), "hello");
        }
    }

    @Test
    void theServerPingsAndALiveClientStaysConnected() throws Exception {
        try (FeedClient feed = FeedClient.connect(push.port(), token(newUser()))) {
            Poll.untilTrue(FeedClient.DEADLINE, () -> feed.pings() >= 4, "four pings, past the idle timeout");

            assertThat(feed.closeCode()).isNull();
            assertThat(feed.socket().isInputClosed()).isFalse();
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedWithNoPong() throws Exception {
        // a raw socket: the JDK client always answers pings, a vanished peer does not
        try (Socket raw = new Socket("127.0.0.1", push.port())) {
            raw.setSoTimeout((int) FeedClient.DEADLINE.toMillis());
            raw.getOutputStream().write(upgradeRequest(push.port(), token(newUser())));

            byte[] received = readUntilClosed(raw.getInputStream());

            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 101");
            int frames = text.indexOf("\r\n\r\n") + 4;
            assertThat(closeCodeIn(received, frames)).contains(FeedCloseCode.NO_PONG.code());
        }
    }

    @Test
    void theDemoTokenEndpointIssuesWorkingTokens() throws Exception {
        String user = newUser();
        HttpResponse<String> answer = get("/v1/demo/token?user=" + user);
        HttpResponse<String> noUser = get("/v1/demo/token");

        assertThat(answer.statusCode()).isEqualTo(200);
        String token = JSON.readTree(answer.body()).get("token").asText();
        assertThat(push.tokens().verify(token)).isInstanceOf(TokenVerification.Valid.class)
                .extracting(v -> ((TokenVerification.Valid) v).userId()).isEqualTo(user);
        assertThat(noUser.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noUser.body()).get("error").asText()).contains("user id is missing");
    }

    @Test
    void theServiceIsReadyOnceReplayedAndServesOpsEndpoints() throws Exception {
        Poll.untilTrue(FeedClient.DEADLINE, () -> get("/health/ready").statusCode() == 200, "readiness");

        assertThat(get("/metrics").body()).contains("push_connections").contains("push_auth_failures_total");
        assertThat(get("/").body()).contains("Streamrec live feed");
        assertThat(get("/js/app.js").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(JSON.readTree(get("/config.json").body()).get("demoMode").asBoolean()).isTrue();
        assertThat(JSON.readTree(get("/catalog.json").body()).get(0).get("itemId").asText()).isEqualTo("item-1");
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutDemoModeTheTokenEndpointIsAbsentAndShutdownSays1001() throws Exception {
        PushService plain = startService(Map.of());
        FeedClient feed;
        try {
            HttpResponse<String> demo = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plain.port() + "/v1/demo/token?user=u")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(demo.statusCode()).isEqualTo(404);
            feed = FeedClient.connect(plain.port(), token(newUser()));
            Poll.untilTrue(FeedClient.DEADLINE, () -> !feed.messages().isEmpty(), "hello");
        } finally {
            plain.close();
        }

        Poll.untilTrue(FeedClient.DEADLINE, () -> feed.closeCode() != null, "the close frame");
        assertThat(feed.closeCode()).isEqualTo(1001);
        assertThat(feed.closeReason()).isEqualTo("server shutting down");
        feed.close();
    }

    @Test
    void aClientResumingWithTheSnapshotItShowsIsNotSentItAgainButGetsWhatFollows() throws Exception {
        String user = newUser();
        long shown;
        try (FeedClient first = FeedClient.connect(push.port(), token(user))) {
            produce(recommendations(user, "shown-before"));
            shown = first.awaitRecommendations(payload -> firstItem(payload).equals("shown-before")).get("seq").asLong();
        }

        try (FeedClient resumed = FeedClient.connect(HttpClient.newHttpClient().newWebSocketBuilder(),
                feedUri(token(user), "&since=" + shown))) {
            Poll.untilTrue(FeedClient.DEADLINE, () -> !resumed.messages().isEmpty(), "hello");
            produce(recommendations(user, "after-resume"));
            resumed.awaitRecommendations(payload -> firstItem(payload).equals("after-resume"));

            // the snapshot, had it been sent, would precede the update
            assertThat(resumed.recommendations()).extracting(m -> firstItem(m.get("payload")))
                    .containsExactly("after-resume");
        }
    }

    @Test
    void aClientResumingFromAnOlderSeqGetsTheCurrentSnapshot() throws Exception {
        String user = newUser();
        long older;
        try (FeedClient first = FeedClient.connect(push.port(), token(user))) {
            produce(recommendations(user, "seen"));
            older = first.awaitRecommendations(payload -> firstItem(payload).equals("seen")).get("seq").asLong();
        }
        try (FeedClient observer = FeedClient.connect(push.port(), token(user))) {
            produce(recommendations(user, "missed-while-away"));
            // the observer seeing it proves the snapshot holds it: the hub publishes after storing
            observer.awaitRecommendations(payload -> firstItem(payload).equals("missed-while-away"));
        }

        try (FeedClient resumed = FeedClient.connect(HttpClient.newHttpClient().newWebSocketBuilder(),
                feedUri(token(user), "&since=" + older))) {
            JsonNode snapshot = resumed.awaitRecommendations(payload -> firstItem(payload).equals("missed-while-away"));

            assertThat(snapshot.get("seq").asLong()).isGreaterThan(older);
        }
    }

    @Test
    void aMalformedResumeSeqIsRefusedWith400() throws Exception {
        HttpResponse<String> answer = get("/v1/feed?token=" + token(newUser()) + "&since=yesterday");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("error").asText()).contains("since must be the seq");
    }

    @Test
    void aSocketIsClosedWith4001WhenItsTokenExpires() throws Exception {
        String shortLived = push.tokens().issue(newUser(), Duration.ofSeconds(2));
        try (FeedClient feed = FeedClient.connect(push.port(), shortLived)) {
            Poll.untilTrue(FeedClient.DEADLINE, () -> feed.closeCode() != null, "the close at token expiry");

            assertThat(feed.closeCode()).isEqualTo(FeedCloseCode.TOKEN_EXPIRED.code());
            assertThat(feed.closeReason()).startsWith("token expired");
        }
        assertThat(get("/metrics").body()).containsPattern("push_disconnects_total\\{reason=\"token_expired\",[^}]*} [1-9]");
    }

    @Test
    void beyondTheConnectionLimitAnUpgradeIsRefusedWith503() throws Exception {
        PushService small = startService(Map.of("streamrec.push.max-connections", "1"));
        try (FeedClient only = FeedClient.connect(small.port(), token(newUser()))) {
            Poll.untilTrue(FeedClient.DEADLINE, () -> !only.messages().isEmpty(), "hello");

            assertThatThrownBy(() -> FeedClient.connect(small.port(), token(newUser())))
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> {
                        HttpResponse<?> refusal = ((WebSocketHandshakeException) e).getResponse();
                        assertThat(refusal.statusCode()).isEqualTo(503);
                        assertThat(refusal.headers().firstValue("Retry-After")).isPresent();
                    });
        } finally {
            small.close();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAsTooSlowAndItsUpdatesCountAsDropped() throws Exception {
        PushService strict = startService(Map.of("streamrec.push.send-timeout-ms", "500"));
        String user = newUser();
        try (Socket raw = new Socket()) {
            // a tiny receive window that this test never drains: the server's frames pile up until it gives up
            raw.setReceiveBufferSize(4096);
            raw.connect(new java.net.InetSocketAddress("127.0.0.1", strict.port()));
            raw.getOutputStream().write(upgradeRequest(strict.port(), token(user)));
            String huge = "x".repeat(200);
            Poll.untilTrue(Duration.ofSeconds(60), () -> {
                produce(bigRecommendations(user, huge));
                return metric(strict, "push_disconnects_total{reason=\"too_slow\"") >= 1;
            }, "the stuck client dropped as too slow");

            assertThat(metric(strict, "push_messages_dropped_total")).isGreaterThanOrEqualTo(1);
            Poll.untilTrue(FeedClient.DEADLINE, () -> metric(strict, "push_connections{") == 0, "the socket cut");
        } finally {
            strict.close();
        }
    }

    private static PushService startService(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.putAll(kafka.config());
        config.putAll(registry.config());
        config.put("streamrec.push.host", "127.0.0.1");
        config.put("streamrec.push.port", "0");
        config.put("streamrec.push.token-secret", SECRET);
        config.putAll(extra);
        PushService service = new PushService(ConfigLoader.load(PushConfig.class, Optional.empty(), config));
        service.start();
        return service;
    }

    private static URI feedUri(String token, String extraQuery) {
        return URI.create("ws://127.0.0.1:" + push.port() + "/v1/feed?token=" + token + extraQuery);
    }

    private static byte[] upgradeRequest(int port, String token) {
        return ("GET /v1/feed?token=" + token + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The value of the first sample whose line starts with {@code prefix} in the service's /metrics, else 0. */
    private static double metric(PushService service, String prefix) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(prefix))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** About 0.5 MB of JSON per frame, under Kafka's default 1 MB record limit as Avro. */
    private static Recommendations bigRecommendations(String user, String padding) {
        List<RecommendedItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            items.add(RecommendedItem.newBuilder().setItemId(padding + i).setScore(i)
                    .setSources(Map.of("popular", 1.0)).build());
        }
        return Recommendations.newBuilder().setUserId(user).setItems(items)
                .setStrategy("it-strategy").setStrategyVersion(1).setGeneratedAt(Instant.now()).build();
    }

    private static String newUser() {
        return "user-" + USERS.incrementAndGet();
    }

    private static String token(String user) {
        return push.tokens().issue(user, Duration.ofMinutes(5));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + push.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void produce(Recommendations recommendations) {
        kafka.send(Topics.RECOMMENDATIONS.name(), new StringSerializer(), serde,
                recommendations.getUserId(), recommendations);
    }

    private static Recommendations recommendations(String user, String item) {
        return Recommendations.newBuilder()
                .setUserId(user)
                .setItems(List.of(RecommendedItem.newBuilder().setItemId(item).setScore(1.0)
                        .setSources(Map.of("popular", 1.0)).build()))
                .setStrategy("it-strategy").setStrategyVersion(1)
                .setGeneratedAt(Instant.now())
                .build();
    }

    private static String firstItem(JsonNode payload) {
        JsonNode items = payload.get("items");
        return items.isEmpty() ? "" : items.get(0).get("itemId").asText();
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the silent connection; got "
                    + out.size() + " bytes", e);
        }
        return out.toByteArray();
    }

    /** Walks the server's (unmasked, short) frames and returns the code of the close frame, if any. */
    private static Optional<Integer> closeCodeIn(byte[] bytes, int offset) {
        int at = offset;
        while (at + 2 <= bytes.length) {
            int opcode = bytes[at] & 0x0F;
            int length = bytes[at + 1] & 0x7F;
            int header = 2;
            if (length == 126) {
                length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
                header = 4;
            }
            if (opcode == 0x8 && length >= 2) {
                return Optional.of(((bytes[at + header] & 0xFF) << 8) | (bytes[at + header + 1] & 0xFF));
            }
            at += header + length;
        }
        return Optional.empty();
    }
}
