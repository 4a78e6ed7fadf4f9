package io.streamrec.cli;

import io.streamrec.cli.embedded.Ports;
import io.streamrec.schemas.Topics;
import io.streamrec.testkit.Poll;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streamrec demo --no-traffic} as a person runs it, in a child JVM stopped with SIGTERM like Ctrl-C: once it
 * says it is ready, no synthetic event reaches the gateway or {@code interactions}, while an event sent by hand does.
 * That traffic flows without the flag is {@link WalkingSkeletonIT#demoTrafficReachesTheGraph()}.
 */
class DemoNoTrafficIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The demo traffic sends 3 events/s from the moment the pipeline is ready: a quiet window this long means off. */
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(4);
    private static final String ACCEPTED_METRIC = "streamrec_gateway_events_accepted_total";
    /** The packaged command and its dependencies as {@code mvn package} leaves them, as {@code ./streamrec} runs it. */
    private static final String RUNTIME_CLASSPATH = "target/classes" + File.pathSeparator + "target/lib/*";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int gatewayPort = Ports.free();
    private final int kafkaPort = Ports.free();

    @Test
    void noTrafficLeavesTheGatewayAndInteractionsQuiet() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-no-traffic");
        Path log = dir.resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", RUNTIME_CLASSPATH, Streamrec.class.getName(),
                "demo", "--no-traffic", "--data-dir", dir.resolve("data").toString(),
                "--gateway-port", Integer.toString(gatewayPort), "--push-port", Integer.toString(Ports.free()),
                "--processor-port", Integer.toString(Ports.free()), "--graph-port", Integer.toString(Ports.free()),
                "--registry-port", Integer.toString(Ports.free()), "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(Ports.free()),
                "--etcd-port", Integer.toString(Ports.free()), "--etcd-peer-port", Integer.toString(Ports.free()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean stoppedCleanly;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
            // the banner comes after the point where the demo traffic would have started
            String banner = Poll.until(READY_TIMEOUT, () -> readyBanner(demo, log), text -> text.contains("Ctrl-C stops"));
            assertThat(banner).contains("No demo traffic (--no-traffic)");

            long deadline = System.nanoTime() + QUIET_WINDOW.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(interactions(admin)).as("records in interactions after ready").isZero();
                assertThat(acceptedByGateway()).as("events the gateway accepted after ready").isZero();
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertThat(Files.readString(log)).doesNotContain("demo traffic started");

            // the probes above would have seen events: one sent by hand shows up in both
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(gateway("/v1/events")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            Poll.untilTrue(Duration.ofSeconds(20), () -> interactions(admin) == 1, "the event in interactions");
            assertThat(acceptedByGateway()).isEqualTo(1);
        } finally {
            List<ProcessHandle> children = demo.descendants().toList();
            demo.destroy();
            boolean exited = demo.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                demo.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
            // checked here rather than asserted, so that a failure above is the one reported
            stoppedCleanly = exited && allEnded(children, Duration.ofSeconds(10));
        }
        assertThat(stoppedCleanly).as("streamrec demo and its etcd stopped on SIGTERM, as on Ctrl-C; its log:\n%s",
                Files.readString(log)).isTrue();
    }

    /** The demo's output so far; fails at once if it exited, with its log. */
    private static String readyBanner(Process demo, Path log) {
        try {
            String text = Files.readString(log);
            if (!demo.isAlive()) {
                throw new AssertionError("streamrec demo exited with " + demo.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long interactions(Admin admin) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.INTERACTIONS.name()))
                    .allTopicNames().get().get(Topics.INTERACTIONS.name()).partitions().stream()
                    .map(p -> new TopicPartition(Topics.INTERACTIONS.name(), p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double acceptedByGateway() throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> samples = metrics.lines().filter(line -> line.startsWith(ACCEPTED_METRIC)).toList();
        assertThat(samples).as("the gateway's %s in its /metrics", ACCEPTED_METRIC).isNotEmpty();
        return samples.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private String gateway(String path) {
        return "http://localhost:" + gatewayPort + path;
    }

    private static boolean allEnded(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }
}
