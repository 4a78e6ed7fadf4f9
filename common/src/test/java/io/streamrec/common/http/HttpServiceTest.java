package io.streamrec.common.http;

import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.common.metrics.Metrics;
import io.undertow.util.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean kafkaUp = new AtomicBoolean(false);
    private final HttpService service = new HttpService("sample", "127.0.0.1", 0,
            exchange -> Json.send(exchange, StatusCodes.OK, "{\"hello\":true}"),
            new Readiness().add("kafka", kafkaUp::get), Metrics.prometheus("sample"));

    @AfterEach
    void stop() throws InterruptedException {
        service.close();
    }

    @Test
    void servesRoutesHealthAndMetrics() throws Exception {
        service.start();

        assertThat(get("/anything").body()).isEqualTo("{\"hello\":true}");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"kafka\":\"DOWN\"}}");
        kafkaUp.set(true);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("jvm_memory_used_bytes").contains("service=\"sample\"");
    }

    @Test
    void aPortInUseGivesAClearMessage() throws Exception {
        service.start();
        HttpService clash = new HttpService("other", "127.0.0.1", service.port(), exchange -> { },
                new Readiness(), Metrics.prometheus("other"));

        assertThatThrownBy(clash::start)
                .isInstanceOf(StartupException.class)
                .hasMessage("other: port " + service.port() + " on 127.0.0.1 is already in use;"
                        + " stop what uses it or configure another port");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
