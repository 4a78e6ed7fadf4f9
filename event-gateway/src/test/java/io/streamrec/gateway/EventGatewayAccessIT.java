package io.streamrec.gateway;

import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.DeleteOption;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may send, on a real gateway, broker and etcd: API keys for servers, the origin allowlist and CORS for browsers,
 * the browser endpoints and snippet, the per-IP rate limit, and the live settings from etcd (maintenance switch,
 * accepted types, origins, limits), including an invalid etcd value that must leave the last good one in force.
 * Each test uses its own client IP (the gateway trusts X-Forwarded-For here) so the rate limit of one does not touch
 * another.
 */
@WithSchemaRegistry
@WithEtcd
class EventGatewayAccessIT {
    private static final String KEY = "test-key-0123456789abcdef";
    private static final String ORIGIN = "http://shop.test";
    private static final Duration LIVE_CHANGE = Duration.ofSeconds(10);

    private static EventGateway gateway;
    private static GatewayClient client;
    private static String bootstrapServers;
    private static AvroSerde<Interaction> serde;
    private static KV etcdKv;
    private static LiveSettings configured;

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        bootstrapServers = kafka.bootstrapServers();
        serde = AvroSerde.forValues(registry.client(), Interaction.class);
        etcdKv = etcd.client().getKVClient();
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.gateway.host", "127.0.0.1");
        overrides.put("streamrec.gateway.port", "0");
        overrides.put("streamrec.gateway.api-keys", KEY);
        overrides.put("streamrec.gateway.allowed-origins", ORIGIN);
        overrides.put("streamrec.gateway.rate-limit-per-second", "1000");
        overrides.put("streamrec.gateway.rate-limit-burst", "1000");
        overrides.put("streamrec.gateway.client-ip-header", "X-Forwarded-For");
        overrides.put("streamrec.gateway.retry-after-seconds", "9");
        gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        gateway.start();
        client = new GatewayClient(gateway.port());
        configured = gateway.liveSettings();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void clearLiveSettings() throws Exception {
        etcdKv.delete(bytes(LiveConfig.ETCD_PREFIX), DeleteOption.builder().isPrefix(true).build())
                .get(10, TimeUnit.SECONDS);
        Poll.until(LIVE_CHANGE, gateway::liveSettings, configured::equals);
    }

    @Test
    void serversNeedAValidApiKey() {
        HttpResponse<String> none = client.post("/v1/events", "application/json", event("u-key", "view"), Map.of());
        HttpResponse<String> wrong = client.post("/v1/events", "application/json", event("u-key", "view"),
                Map.of("Authorization", "Bearer not-the-key-0123456789"));
        HttpResponse<String> basic = client.post("/v1/events", "application/json", event("u-key", "view"),
                Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        HttpResponse<String> right = client.post("/v1/events", "application/json", event("u-key", "view"),
                Map.of("Authorization", "Bearer " + KEY));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.body()).contains("an API key is required: send Authorization: Bearer <key>");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("the API key is not valid");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("must be Bearer <key>");
        assertThat(right.statusCode()).isEqualTo(202);
        assertThat(InteractionsTopic.read(bootstrapServers, serde, e -> e.getUserId().equals("u-key"))).hasSize(1);
    }

    @Test
    void pagesOfAllowedOriginsSendWithoutAKeyAndOthersAreRefused() {
        HttpResponse<String> allowed = fromPage(ORIGIN, "10.0.1.1", "/v1/events", "application/json",
                event("u-origin", "view"));
        HttpResponse<String> other = fromPage("http://evil.test", "10.0.1.1", "/v1/events", "application/json",
                event("u-origin", "view"));

        assertThat(allowed.statusCode()).isEqualTo(202);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("origin http://evil.test is not allowed to send events; allowed origins: "
                + ORIGIN);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(InteractionsTopic.read(bootstrapServers, serde, e -> e.getUserId().equals("u-origin"))).hasSize(1);
    }

    @Test
    void corsPreflightsAreAnsweredForAllowedOriginsOnly() {
        Map<String, String> preflight = Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type", "X-Forwarded-For", "10.0.2.1");
        HttpResponse<String> allowed = client.method("OPTIONS", "/v1/events", preflight);
        HttpResponse<String> other = client.method("OPTIONS", "/v1/beacon", Map.of("Origin", "http://evil.test",
                "Access-Control-Request-Method", "POST", "X-Forwarded-For", "10.0.2.1"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void aBeaconIs204AfterTheEventIsInTheTopic() {
        String eventId = UUID.randomUUID().toString();
        HttpResponse<String> response = fromPage(ORIGIN, "10.0.3.1", "/v1/beacon", "text/plain;charset=UTF-8",
                "[{\"eventId\":\"" + eventId + "\",\"userId\":\"u-beacon\",\"itemId\":\"i9\",\"type\":\"click\"}]");
        HttpResponse<String> noOrigin = client.post("/v1/beacon", "text/plain;charset=UTF-8", event("u-beacon", "view"),
                Map.of("Authorization", "Bearer " + KEY));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(InteractionsTopic.read(bootstrapServers, serde, e -> e.getUserId().equals("u-beacon")))
                .extracting(Interaction::getEventId).containsExactly(eventId);
        assertThat(noOrigin.statusCode()).as("beacons are for pages; a key does not replace the origin").isEqualTo(403);
        assertThat(noOrigin.body()).contains("must come from a web page");
    }

    @Test
    void aPixelAnswersAGifAfterTheEventFromItsQueryIsInTheTopic() {
        long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        HttpResponse<String> response = client.get("/v1/pixel.gif?userId=u-pixel&itemId=i7&type=purchase&value=19.5"
                        + "&eventTime=" + anHourAgo + "&context.page=checkout&eventId=pixel-1",
                Map.of("Referer", ORIGIN + "/checkout?step=2", "X-Forwarded-For", "10.0.4.1"));
        HttpResponse<String> fromElsewhere = client.get("/v1/pixel.gif?userId=u-pixel&itemId=i7&type=view",
                Map.of("Referer", "http://evil.test/", "X-Forwarded-For", "10.0.4.1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(AcceptedAnswer.Pixel.GIF.length);
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        Interaction event = InteractionsTopic.read(bootstrapServers, serde, e -> e.getUserId().equals("u-pixel"))
                .get(0);
        assertThat(event.getEventId()).isEqualTo("pixel-1");
        assertThat(event.getValue()).isEqualTo(19.5);
        assertThat(event.getEventTime().toEpochMilli()).isEqualTo(anHourAgo);
        assertThat(event.getContext()).containsExactly(Map.entry("page", "checkout"));
    }

    @Test
    void theSnippetIsServedWithCachingHeaders() {
        HttpResponse<String> script = client.get("/streamrec.js", Map.of());
        String etag = script.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = client.get("/streamrec.js", Map.of("If-None-Match", etag));

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(script.body()).contains("window.streamrec = { init: init, track: track, flush: flush }");
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void browsersOverTheirRateGet429WithRetryAfterPerClientIp() throws Exception {
        put("rate-limit-per-second", "1");
        put("rate-limit-burst", "2");
        HttpResponse<String> limited = Poll.until(LIVE_CHANGE,
                () -> fromPage(ORIGIN, "10.0.5.1", "/v1/events", "application/json", event("u-rate", "view")),
                r -> r.statusCode() == 429);

        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).contains("too many requests from this client; retry after 1 s");
        assertThat(fromPage(ORIGIN, "10.0.5.2", "/v1/events", "application/json", event("u-rate", "view"))
                .statusCode()).as("another client IP has its own bucket").isEqualTo(202);
        assertThat(fromServer("10.0.5.1", event("u-rate", "view")).statusCode())
                .as("key holders are not rate-limited").isEqualTo(202);
        assertThat(client.get("/metrics", Map.of()).body())
                .contains("streamrec_gateway_requests_refused_total{reason=\"rate_limited\"");
    }

    @Test
    void theMaintenanceSwitchAnswers503UntilTurnedOffAndAnInvalidValueKeepsTheLastGoodOne() throws Exception {
        put("maintenance", "on");
        HttpResponse<String> during = Poll.until(LIVE_CHANGE, () -> fromServer("10.0.6.1", event("u-maint", "view")),
                r -> r.statusCode() == 503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("9");
        assertThat(during.body()).contains("the event gateway is in maintenance");

        put("maintenance", "perhaps");
        // the invalid value arrives after a valid change we can observe, so it has been seen when that one is
        put("accepted-types", "view");
        Poll.until(LIVE_CHANGE, () -> gateway.liveSettings().acceptedTypes().size(), size -> size == 1);
        assertThat(fromServer("10.0.6.1", event("u-maint", "view")).statusCode()).as("still on").isEqualTo(503);

        put("maintenance", "off");
        Poll.until(LIVE_CHANGE, () -> fromServer("10.0.6.1", event("u-maint", "view")), r -> r.statusCode() == 202);
    }

    @Test
    void acceptedTypesAndOriginsChangeLiveAndInvalidValuesAreRefused() throws Exception {
        put("accepted-types", "view, purchase");
        HttpResponse<String> click = Poll.until(LIVE_CHANGE, () -> fromServer("10.0.7.1", event("u-types", "click")),
                r -> r.statusCode() == 400);
        assertThat(click.body()).contains("type click is not accepted by this gateway at the moment;"
                + " accepted types: view, purchase");
        put("accepted-types", "view, like");
        put("allowed-origins", "https://new.test");
        Poll.until(LIVE_CHANGE, () -> fromPage("https://new.test", "10.0.7.2", "/v1/events", "application/json",
                event("u-types", "view")), r -> r.statusCode() == 202);

        assertThat(fromServer("10.0.7.1", event("u-types", "click")).statusCode())
                .as("\"like\" is no type: the last good list stays").isEqualTo(400);
        assertThat(fromPage(ORIGIN, "10.0.7.2", "/v1/events", "application/json", event("u-types", "view"))
                .statusCode()).as("the configured origin is replaced by etcd's").isEqualTo(403);
    }

    private static void put(String key, String value) throws Exception {
        etcdKv.put(bytes(LiveConfig.ETCD_PREFIX + key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    private static String event(String userId, String type) {
        return "{\"userId\":\"" + userId + "\",\"itemId\":\"i1\",\"type\":\"" + type + "\"}";
    }

    private static HttpResponse<String> fromServer(String ip, String body) {
        return client.post("/v1/events", "application/json", body,
                Map.of("Authorization", "Bearer " + KEY, "X-Forwarded-For", ip));
    }

    private static HttpResponse<String> fromPage(String origin, String ip, String path, String contentType,
                                                 String body) {
        return client.post(path, contentType, body, Map.of("Origin", origin, "X-Forwarded-For", ip));
    }
}
