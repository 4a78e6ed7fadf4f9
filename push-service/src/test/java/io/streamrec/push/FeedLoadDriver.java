package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** bench/feed-load.mjs (one Node process holding many feed sockets), driven over its stdin and stdout. */
final class FeedLoadDriver implements AutoCloseable {
    static final String USER_PREFIX = "bench-user-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private int connected;

    private FeedLoadDriver(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Opens {@code connections} sockets, users {@code userPrefix}0 and up, and returns once all are tried. */
    static FeedLoadDriver start(String url, int connections, String secret, String userPrefix) throws IOException {
        Path bench = Path.of("bench").toAbsolutePath();
        Path logs = Files.createDirectories(Path.of("target", "bench-logs")).toAbsolutePath();
        Process node = new ProcessBuilder("node", "feed-load.mjs", "--url=" + url,
                "--connections=" + connections, "--secret=" + secret, "--user-prefix=" + userPrefix)
                .directory(bench.toFile())
                .redirectError(logs.resolve("load-" + userPrefix + "log").toFile()).start();
        FeedLoadDriver driver = new FeedLoadDriver(node);
        JsonNode done = driver.next("connected");
        driver.connected = done.get("open").asInt();
        System.out.println("load driver " + userPrefix + ": " + done);
        return driver;
    }

    int connected() {
        return connected;
    }

    /** Marks, runs {@code trigger}, and returns the driver's report once {@code expected} updates arrived. */
    JsonNode awaitMessages(int expected, ThrowingRunnable trigger) throws Exception {
        mark(expected);
        trigger.run();
        return awaitMarked();
    }

    /** Starts counting updates from now; {@link #awaitMarked} reports once {@code expected} arrived (or the timeout). */
    void mark(int expected) throws IOException {
        in.println("mark " + expected + " " + ROUND_TIMEOUT.toMillis());
        next("marked");
    }

    JsonNode awaitMarked() throws IOException {
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
        throw new IllegalStateException("the load driver exited; see target/bench-logs");
    }

    @Override
    public void close() throws InterruptedException {
        in.println("close");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
