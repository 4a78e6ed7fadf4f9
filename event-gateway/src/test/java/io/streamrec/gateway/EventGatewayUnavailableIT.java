package io.streamrec.gateway;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Stops the real broker under a running gateway: the client must hear 503 and never a 202 for a lost event. */
@WithSchemaRegistry
@WithEtcd
class EventGatewayUnavailableIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EVENT = "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}";

    @Test
    void withoutKafkaEventsGet503WithRetryAfterAndTheGatewayIsNotReady(KafkaTestCluster kafka,
                                                                       TestSchemaRegistry registry,
                                                                       EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.gateway.host", "127.0.0.1");
        overrides.put("streamrec.gateway.port", "0");
        overrides.put("streamrec.gateway.produce-timeout-ms", "2000");
        overrides.put("streamrec.gateway.retry-after-seconds", "7");
        overrides.put("streamrec.gateway.readiness-interval-ms", "200");
        EventGateway gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        gateway.start();
        try {
            assertThat(postEvent(gateway).statusCode()).as("with Kafka up").isEqualTo(202);

            registry.close();
            kafka.close();
            long start = System.nanoTime();
            HttpResponse<String> response = postEvent(gateway);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(response.body()).startsWith("{\"error\":\"Kafka did not acknowledge 1 of 1 events (")
                    .contains("retry the request after 7 s");
            assertThat(waited).as("bounded by the produce timeout").isLessThan(Duration.ofSeconds(10));
            HttpResponse<String> ready = Poll.until(Duration.ofSeconds(20), () -> get(gateway, "/health/ready"),
                    r -> r.statusCode() == 503 && r.body().contains("\"kafka\":\"DOWN\""));
            assertThat(ready.body()).isEqualTo(
                    "{\"status\":\"DOWN\",\"checks\":{\"kafka\":\"DOWN\",\"schema-registry\":\"DOWN\"}}");
            assertThat(get(gateway, "/metrics").body()).contains(
                    "streamrec_gateway_events_rejected_total{reason=\"unavailable\",service=\"event-gateway\"} 1.0");
        } finally {
            long start = System.nanoTime();
            gateway.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close without Kafka")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    private static HttpResponse<String> postEvent(EventGateway gateway) throws Exception {
        return HTTP.send(request(gateway, "/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(EventGateway gateway, String path) {
        try {
            return HTTP.send(request(gateway, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }

    private static HttpRequest.Builder request(EventGateway gateway, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(30));
    }
}
