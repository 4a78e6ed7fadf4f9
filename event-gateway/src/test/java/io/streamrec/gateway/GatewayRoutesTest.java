package io.streamrec.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Json;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.metrics.Metrics;
import io.undertow.server.HttpHandler;
import io.undertow.util.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP chain in front of the events handler, on a real Undertow server, with a stand-in events handler that
 * answers asynchronously from another thread as the real one does after Kafka's acknowledgement.
 */
class GatewayRoutesTest {
    private static final int MAX_BODY_BYTES = 64;

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = Metrics.prometheus("event-gateway-test");
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private volatile boolean failNextAnswer;
    private HttpService service;

    @BeforeEach
    void start() {
        start(IoThreadAdmission.never());
    }

    private void start(IoThreadAdmission ioThreadAdmission) {
        GatewayConfig config = ConfigLoader.load(GatewayConfig.class, Optional.empty(),
                Map.of("streamrec.gateway.max-body-bytes", Integer.toString(MAX_BODY_BYTES)));
        HttpHandler events = exchange -> {
            String seen = "{\"bytes\":" + exchange.getAttachment(BodyHandler.BODY).length
                    + ",\"format\":\"" + exchange.getAttachment(ContentTypeHandler.FORMAT)
                    + "\",\"ioThread\":" + exchange.isInIoThread() + "}";
            AsyncResponses.respondWhenDone(exchange, answerFor(seen),
                    (done, body) -> Json.send(done, StatusCodes.OK, body));
        };
        service = new HttpService("gateway-routes", "127.0.0.1", 0, new GatewayRoutes(config.gateway(), metrics, LiveSettings::permissive, ApiKeys.of(List.of()),
                        ioThreadAdmission)
                        .build(events, events, events),
                new Readiness(), registry);
        service.start();
    }

    /** Completes on another thread a little later, as a Kafka acknowledgement does. */
    private CompletableFuture<String> answerFor(String seen) {
        if (failNextAnswer) {
            return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        }
        return CompletableFuture.supplyAsync(() -> seen, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    }

    @AfterEach
    void stop() throws InterruptedException {
        service.close();
    }

    @Test
    void aJsonPostReachesTheEventsHandlerOnAWorkerThreadAndIsAnsweredLater() throws Exception {
        HttpResponse<String> response = post("application/json", "{\"userId\":\"u1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":15,\"format\":\"JSON\",\"ioThread\":false}");
    }

    @Test
    void anAdmittedBodyIsHandledOnTheIoThreadThatReadItAndAnsweredLater() throws Exception {
        restartWith(new IoThreadAdmission(16, () -> true));

        HttpResponse<String> response = post("application/json", "{\"userId\":\"u1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":15,\"format\":\"JSON\",\"ioThread\":true}");
    }

    @Test
    void aBodyOverTheIoThreadLimitGoesToAWorker() throws Exception {
        restartWith(new IoThreadAdmission(14, () -> true));

        assertThat(post("application/json", "{\"userId\":\"u1\"}").body()).contains("\"ioThread\":false");
    }

    @Test
    void withoutProducerHeadroomEvenASmallBodyGoesToAWorker() throws Exception {
        restartWith(new IoThreadAdmission(16, () -> false));

        assertThat(post("application/json", "{}").body()).contains("\"ioThread\":false");
    }

    @Test
    void aFailedAnswerOnTheIoThreadIs500WithTheErrorShape() throws Exception {
        restartWith(new IoThreadAdmission(16, () -> true));
        failNextAnswer = true;

        HttpResponse<String> response = post("application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"internal error: java.lang.IllegalStateException: boom\"");
    }

    private void restartWith(IoThreadAdmission ioThreadAdmission) throws InterruptedException {
        service.close();
        start(ioThreadAdmission);
    }

    @Test
    void ndjsonWithAUtf8CharsetIsAccepted() throws Exception {
        HttpResponse<String> response = post("Application/X-NDJSON; charset=\"UTF-8\"", "{}\n{}\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"format\":\"NDJSON\"");
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> response = send(request("/v1/events").GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"method GET is not allowed on /v1/events; use POST\"}");
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        assertError(send(request("/v1/events").POST(HttpRequest.BodyPublishers.ofString("{}"))), 415,
                "Content-Type is missing; send application/json or application/x-ndjson");
        assertError(post("text/plain", "{}"), 415,
                "Content-Type text/plain is not supported; send application/json or application/x-ndjson");
        assertError(post("application/json; charset=ISO-8859-1", "{}"), 415,
                "charset iso-8859-1 is not supported; send UTF-8");
    }

    @Test
    void aBodyDeclaredTooLargeIs413BeforeItIsRead() throws Exception {
        assertError(post("application/json", "x".repeat(MAX_BODY_BYTES + 1)), 413,
                "request body is larger than the limit of 64 bytes; send fewer events per request");
    }

    @Test
    void aChunkedBodyPassingTheLimitIs413() throws Exception {
        HttpResponse<String> response = send(request("/v1/events").header("Content-Type", "application/json")
                .POST(chunked(MAX_BODY_BYTES * 4)));

        assertError(response, 413, "request body is larger than the limit of 64 bytes; send fewer events per request");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        HttpResponse<String> response = send(request("/v1/events").header("Content-Type", "application/json")
                .POST(chunked(MAX_BODY_BYTES)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bytes\":64");
    }

    @Test
    void expectContinueIsAnswered() throws Exception {
        HttpResponse<String> response = send(request("/v1/events").expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedAnswerIs500WithTheErrorShape() throws Exception {
        failNextAnswer = true;

        HttpResponse<String> response = post("application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"internal error: java.lang.IllegalStateException: boom\"");
    }

    @Test
    void unknownPathsAre404PointingToTheEventsEndpoint() throws Exception {
        assertError(send(request("/v1/event").POST(HttpRequest.BodyPublishers.ofString("{}"))), 404,
                "no endpoint at /v1/event; events go to POST /v1/events");
    }

    @Test
    void responsesAreCountedByStatusClassAndInFlightReturnsToZero() throws Exception {
        post("application/json", "{}");
        send(request("/v1/events").GET());
        post("text/plain", "{}");

        awaitTrue(() -> counted("2xx") == 1 && counted("4xx") == 2);
        awaitTrue(() -> registry.get("streamrec.gateway.requests.in.flight").gauge().value() == 0);
        assertThat(registry.scrape()).contains("streamrec_gateway_responses_total{service=\"event-gateway-test\",status=\"4xx\"} 2.0");
    }

    private double counted(String statusClass) {
        var counter = registry.find("streamrec.gateway.responses").tag("status", statusClass).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static HttpRequest.BodyPublisher chunked(int bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("x".repeat(bytes).getBytes()));
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return send(request("/v1/events").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":" + Json.quote(message) + "}");
    }
}
