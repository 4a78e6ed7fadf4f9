package io.streamrec.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a running sink from the outside: its metrics and health endpoints. */
final class SinkProbe {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    SinkProbe(GraphSink sink) {
        this(sink.port());
    }

    SinkProbe(int port) {
        this.port = port;
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labelPart}. */
    double metric(String name, String labelPart) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(get("/metrics").body());
        while (matcher.find()) {
            if (matcher.group(1).contains(labelPart)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new IllegalStateException("no sample of " + name + " with " + labelPart);
    }

    int status(String path) {
        return get(path).statusCode();
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
