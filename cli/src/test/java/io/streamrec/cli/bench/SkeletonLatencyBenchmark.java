package io.streamrec.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.cli.FeedClient;
import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import org.HdrHistogram.Histogram;
import io.streamrec.testkit.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * End-to-end latency of the walking skeleton: from the moment an event is POSTed to the gateway until the user's
 * WebSocket receives the recommendations it caused. The baseline, measured on the same broker in the same run, is
 * the floor any Kafka pipeline pays: one acks=all produce and one read_committed consume. Also reports how long the
 * embedded runtime takes to become ready. Not part of the test suite; run it as docs/benchmarks.md says.
 */
class SkeletonLatencyBenchmark {
    private static final int WARMUP = 50;
    private static final int MEASURED = Integer.getInteger("bench.events", 500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path dataDir;

    /** The pipeline's data: hundreds of MB that should not outlive the run. */
    @AfterEach
    void deleteDataDir() {
        if (dataDir != null) {
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    @Test
    void endToEndLatency() throws Exception {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-skeleton");
        long begin = System.nanoTime();
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), false)) {
            double startupSeconds = (System.nanoTime() - begin) / 1e9;
            Histogram kafka = new KafkaBaselines(pipeline.urls().get("kafka")).sequentialRoundTrip(WARMUP, MEASURED);
            Histogram pipelineLatency = pipelineRoundTrip(pipeline.urls());
            report(startupSeconds, kafka, pipelineLatency);
        }
    }

    private static Histogram pipelineRoundTrip(Map<String, String> urls) throws Exception {
        String user = "bench-user";
        FeedClient feed = FeedClient.connect(urls.get("push"), user);
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String eventId = "bench-" + i;
            String body = "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user + "\",\"itemId\":\"item-" + (i % 100)
                    + "\",\"type\":\"view\"}";
            long sent = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get("gateway") + "/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new AssertionError("gateway answered " + response.statusCode() + ": " + response.body());
            }
            feed.awaitUpdateTriggeredBy(eventId, Duration.ofSeconds(30));
            if (i >= WARMUP) {
                histogram.recordValue((System.nanoTime() - sent) / 1000);
            }
        }
        return histogram;
    }

    private static void report(double startupSeconds, Histogram kafka, Histogram pipeline) throws Exception {
        String table = String.format("""
                        | measurement (%d sequential events after %d warm-up) | p50 ms | p90 ms | p99 ms | max ms |
                        |---|---|---|---|---|
                        | baseline: Kafka produce (acks=all) -> consume (read_committed), same broker | %s |
                        | Streamrec: POST /v1/events -> recommendations on the user's WebSocket | %s |
                        | ratio Streamrec / baseline (p50) | %.1fx | | | |

                        Embedded runtime ready in %.1f s.
                        """, MEASURED, WARMUP, row(kafka), row(pipeline),
                (double) pipeline.getValueAtPercentile(50) / kafka.getValueAtPercentile(50), startupSeconds);
        System.out.println(table);
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("skeleton-latency.md");
        Files.writeString(out, table);
    }

    private static String row(Histogram h) {
        return String.format("%.1f | %.1f | %.1f | %.1f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
