package io.streamrec.cli.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Whether a service running in this process answers 200 on its {@code /health/ready}. */
public final class LocalReadiness implements BooleanSupplier {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI ready;

    public LocalReadiness(int port) {
        this.ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    @Override
    public boolean getAsBoolean() {
        try {
            return http.send(HttpRequest.newBuilder(ready).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
