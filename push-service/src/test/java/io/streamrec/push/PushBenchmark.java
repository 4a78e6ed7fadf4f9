package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections held, RSS per connection, fan-out and event-to-push latency of the push service, against a bare
 * Undertow WebSocket server in the same run. Not part of {@code verify}: run it with {@code bench/run.sh}.
 * Each server runs in its own JVM (same flags) so its RSS is its own; the load is {@code bench/feed-load.mjs}.
 */
@WithSchemaRegistry
class PushBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "push-benchmark-secret-0123456789abcdef-xyz";
    private static final List<String> SERVER_JVM_FLAGS = List.of("-Xmx2g", "-XX:+UseG1GC");
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(120);

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
        try (ChildProcess server = ChildProcess.java("raw", RawWebSocketServer.class, List.of())) {
            int port = server.awaitPort();
            Measurement m = new Measurement();
            m.rssIdleKb = server.rssAfterGcKb();
            try (LoadDriver load = LoadDriver.start("ws://127.0.0.1:" + port + "/v1/feed", connections, "")) {
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
        try (ChildProcess server = ChildProcess.java("push", BenchPushServer.class, settings);
             KafkaProducer<String, Recommendations> producer = kafka.producer(new StringSerializer(),
                     AvroSerde.forValues(registry.client(), Recommendations.class))) {
            int port = server.awaitPort();
            Poll.untilTrue(Duration.ofSeconds(60), () -> get(port, "/health/ready").contains("\"UP\""),
                    "the push service replayed the topic");
            Measurement m = new Measurement();
            m.rssIdleKb = server.rssAfterGcKb();
            try (LoadDriver load = LoadDriver.start("ws://127.0.0.1:" + port + "/v1/feed", connections, SECRET)) {
                m.held = load.connected();
                m.rssHeldKb = server.rssAfterGcKb();
                for (int round = 0; round <= rounds; round++) {
                    m.addRound(round, load.awaitMessages(m.held, () -> {
                        Instant now = Instant.now();
                        for (int user = 0; user < m.held; user++) {
                            String userId = LoadDriver.USER_PREFIX + user;
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
            String userId = LoadDriver.USER_PREFIX + (i % users);
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), userId,
                    BenchFrames.sample(userId, Instant.now())));
        }
        producer.flush();
    }

    private static String get(int port, String path) {
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

    /** A server JVM started from this test's classpath, its output in target/bench-logs. */
    private static final class ChildProcess implements AutoCloseable {
        private final Process process;
        private final BufferedReader stdout;

        private ChildProcess(Process process) {
            this.process = process;
            this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static ChildProcess java(String name, Class<?> main, List<String> args) throws IOException {
            Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(SERVER_JVM_FLAGS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(args);
            return new ChildProcess(new ProcessBuilder(command)
                    .redirectError(logs.resolve(name + ".log").toFile()).start());
        }

        int awaitPort() throws IOException {
            for (String line; (line = stdout.readLine()) != null; ) {
                if (line.startsWith("PORT ")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
            throw new IllegalStateException("server exited before listening; see target/bench-logs");
        }

        /** RSS right after a full GC, so garbage does not count as memory held for the sockets. */
        long rssAfterGcKb() throws IOException, InterruptedException {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** bench/feed-load.mjs, driven over its stdin and stdout. */
    private static final class LoadDriver implements AutoCloseable {
        static final String USER_PREFIX = "bench-user-";
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private int connected;

        private LoadDriver(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static LoadDriver start(String url, int connections, String secret) throws IOException {
            Path bench = Path.of("bench").toAbsolutePath();
            Process node = new ProcessBuilder("node", "feed-load.mjs", "--url=" + url,
                    "--connections=" + connections, "--secret=" + secret, "--user-prefix=" + USER_PREFIX)
                    .directory(bench.toFile())
                    .redirectError(Path.of("target", "bench-logs", "load.log").toAbsolutePath().toFile()).start();
            LoadDriver driver = new LoadDriver(node);
            JsonNode done = driver.next("connected");
            driver.connected = done.get("open").asInt();
            System.out.println("load driver: " + done);
            return driver;
        }

        int connected() {
            return connected;
        }

        /** Marks, runs {@code trigger}, and returns the driver's report once {@code expected} updates arrived. */
        JsonNode awaitMessages(int expected, ThrowingRunnable trigger) throws Exception {
            in.println("mark " + expected + " " + ROUND_TIMEOUT.toMillis());
            next("marked");
            trigger.run();
            JsonNode done = next("done");
            System.out.println("round: " + done);
            return done;
        }

        private JsonNode next(String event) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode message = JSON.readTree(line);
                if (message.get("event").asText().equals(event)) {
                    return message;
                }
            }
            throw new IllegalStateException("the load driver exited; see target/bench-logs/load.log");
        }

        @Override
        public void close() throws InterruptedException {
            in.println("close");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
