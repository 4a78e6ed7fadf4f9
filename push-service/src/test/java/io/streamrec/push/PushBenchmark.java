package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections held, RSS per connection, fan-out and event-to-push latency of the push service, against a bare
 * Undertow WebSocket server in the same run. Not part of {@code verify}: run it with {@code bench/run.sh}.
 * Each server runs in its own JVM (same flags) so its RSS is its own; the load is {@code bench/feed-load.mjs}.
 */
@WithSchemaRegistry
class PushBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SECRET = "push-benchmark-secret-0123456789abcdef-xyz";

    private final int connections = Integer.getInteger("bench.connections", 19_000);
    private final int rounds = Integer.getInteger("bench.rounds", 5);
    private final int rate = Integer.getInteger("bench.rate", 10_000);
    private final int rateSeconds = Integer.getInteger("bench.rate-seconds", 5);

    @Test
    void pushServiceAgainstABareWebSocketServer(KafkaTestCluster kafka, TestSchemaRegistry registry) throws Exception {
        kafka.createStreamrecTopics();
        Measurement raw = measureRaw();
        Measurement push = measurePush(kafka, registry);

        String report = report(raw, push);
        System.out.println(report);
        Files.writeString(Path.of("target", "push-benchmark.md"), report);
        assertThat(push.held).as("push sockets held").isGreaterThan(0);
        assertThat(raw.held).as("baseline sockets held").isGreaterThan(0);
    }

    private Measurement measureRaw() throws Exception {
        try (BenchServerProcess server = BenchServerProcess.java("raw", RawWebSocketServer.class, List.of())) {
            int port = server.awaitPort();
            Measurement m = new Measurement();
            m.rssIdleKb = server.rssAfterGcKb();
            try (FeedLoadDriver load = FeedLoadDriver.start("ws://127.0.0.1:" + port + "/v1/feed", connections, "", FeedLoadDriver.USER_PREFIX)) {
                m.held = load.connected();
                m.rssHeldKb = server.rssAfterGcKb();
                for (int round = 0; round <= rounds; round++) {
                    int seq = round;
                    m.addRound(round, load.awaitMessages(m.held, () -> get(port, "/broadcast?seq=" + seq)));
                }
            }
            return m;
        }
    }

    private Measurement measurePush(KafkaTestCluster kafka, TestSchemaRegistry registry) throws Exception {
        List<String> settings = new ArrayList<>();
        Map<String, String> shared = new java.util.HashMap<>(kafka.config());
        shared.putAll(registry.config());
        shared.forEach((k, v) -> settings.add(k + "=" + v));
        settings.addAll(List.of("streamrec.push.host=127.0.0.1", "streamrec.push.port=0",
                "streamrec.push.token-secret=" + SECRET, "streamrec.push.max-connections=1000000"));
        try (BenchServerProcess server = BenchServerProcess.java("push", BenchPushServer.class, settings);
             KafkaProducer<String, Recommendations> producer = kafka.producer(new StringSerializer(),
                     AvroSerde.forValues(registry.client(), Recommendations.class))) {
            int port = server.awaitPort();
            Poll.untilTrue(Duration.ofSeconds(60), () -> get(port, "/health/ready").contains("\"UP\""),
                    "the push service replayed the topic");
            Measurement m = new Measurement();
            m.rssIdleKb = server.rssAfterGcKb();
            try (FeedLoadDriver load = FeedLoadDriver.start("ws://127.0.0.1:" + port + "/v1/feed", connections, SECRET, FeedLoadDriver.USER_PREFIX)) {
                m.held = load.connected();
                m.rssHeldKb = server.rssAfterGcKb();
                for (int round = 0; round <= rounds; round++) {
                    m.addRound(round, load.awaitMessages(m.held, () -> {
                        Instant now = Instant.now();
                        for (int user = 0; user < m.held; user++) {
                            String userId = FeedLoadDriver.USER_PREFIX + user;
                            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), userId,
                                    BenchFrames.sample(userId, now)));
                        }
                        producer.flush();
                    }));
                }
                int events = rate * rateSeconds;
                m.paced = load.awaitMessages(events, () -> paced(producer, m.held, events));
            }
            return m;
        }
    }

    /** Sends {@code events} updates at {@link #rate} per second, spread over the users, each stamped when sent. */
    private void paced(KafkaProducer<String, Recommendations> producer, int users, int events) {
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String userId = FeedLoadDriver.USER_PREFIX + (i % users);
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), userId,
                    BenchFrames.sample(userId, Instant.now())));
        }
        producer.flush();
    }

    static String get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String report(Measurement raw, Measurement push) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("connections requested %d, fan-out rounds %d (after one warm-up), paced %d events/s for %d s%n%n",
                connections, rounds, rate, rateSeconds));
        out.append("| | push service | bare Undertow (baseline) | ratio push/baseline |\n|---|---|---|---|\n");
        row(out, "sockets held", push.held, raw.held, "%.0f");
        row(out, "RSS idle (MB)", push.rssIdleKb / 1024.0, raw.rssIdleKb / 1024.0, "%.0f");
        row(out, "RSS with sockets (MB)", push.rssHeldKb / 1024.0, raw.rssHeldKb / 1024.0, "%.0f");
        row(out, "RSS per socket (KB)", push.kbPerSocket(), raw.kbPerSocket(), "%.1f");
        row(out, "fan-out msgs/s (median of rounds)", push.fanOutRate(), raw.fanOutRate(), "%.0f");
        row(out, "fan-out round p50 latency (ms)", push.fanOutP(false), raw.fanOutP(false), "%.0f");
        row(out, "fan-out round p99 latency (ms)", push.fanOutP(true), raw.fanOutP(true), "%.0f");
        if (push.paced != null) {
            out.append(String.format("%npaced %d events/s: %d of %d pushed, record produced -> client p50 %s ms,"
                            + " p99 %s ms, max %s ms%n", rate, push.paced.get("messages").asInt(), rate * rateSeconds,
                    push.paced.get("p50"), push.paced.get("p99"), push.paced.get("max")));
        }
        out.append("\nrounds push: ").append(push.fanOut).append("\nrounds baseline: ").append(raw.fanOut).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double push, double raw, String format) {
        String ratio = raw == 0 ? "-" : String.format("%.2f", push / raw);
        out.append("| ").append(name).append(" | ").append(String.format(format, push)).append(" | ")
                .append(String.format(format, raw)).append(" | ").append(ratio).append(" |\n");
    }

    private static final class Measurement {
        int held;
        long rssIdleKb;
        long rssHeldKb;
        final List<JsonNode> fanOut = new ArrayList<>();
        JsonNode paced;

        /** Round 0 warms the JIT and the buffers up and is left out. */
        void addRound(int round, JsonNode result) {
            if (round > 0) {
                fanOut.add(result);
            }
        }

        double kbPerSocket() {
            return held == 0 ? 0 : (rssHeldKb - rssIdleKb) / (double) held;
        }

        double fanOutRate() {
            return median(fanOut.stream().mapToDouble(r -> r.get("messages").asDouble() * 1000
                    / Math.max(1, r.get("ms").asDouble())).toArray());
        }

        double fanOutP(boolean p99) {
            return median(fanOut.stream().mapToDouble(r -> r.get(p99 ? "p99" : "p50").asDouble()).toArray());
        }

        private static double median(double[] values) {
            java.util.Arrays.sort(values);
            return values.length == 0 ? 0 : values[values.length / 2];
        }
    }
}
