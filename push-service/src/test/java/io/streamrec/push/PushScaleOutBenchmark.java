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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections held on one machine by several push-service instances: the scale-out the service is built for (each
 * instance consumes every partition of {@code recommendations} and serves its own sockets). The open-file limit is
 * per process, so one instance, and one load-driver process, per {@code bench.connections-per-instance} sockets.
 * After connecting, one update per user goes through Kafka, so every socket counted is shown to be live.
 * Not part of {@code verify}: run it with {@code bench/scale-out.sh}.
 */
@WithSchemaRegistry
class PushScaleOutBenchmark {
    private final int instances = Integer.getInteger("bench.instances", 6);
    private final int perInstance = Integer.getInteger("bench.connections-per-instance", 16_700);

    /** One push-service JVM with its load driver, and what was measured of it. */
    private record Instance(BenchServerProcess server, FeedLoadDriver load, String userPrefix, long rssIdleKb,
                            long rssHeldKb) {
        double kbPerSocket() {
            return (rssHeldKb - rssIdleKb) / (double) load.connected();
        }
    }

    @Test
    void severalInstancesHoldTheirSocketsAndPushToAll(KafkaTestCluster kafka, TestSchemaRegistry registry)
            throws Exception {
        kafka.createStreamrecTopics();
        List<String> settings = new ArrayList<>();
        Map<String, String> shared = new HashMap<>(kafka.config());
        shared.putAll(registry.config());
        shared.forEach((k, v) -> settings.add(k + "=" + v));
        settings.addAll(List.of("streamrec.push.host=127.0.0.1", "streamrec.push.port=0",
                "streamrec.push.token-secret=" + PushBenchmark.SECRET, "streamrec.push.max-connections=1000000"));
        List<Instance> running = new ArrayList<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, Recommendations> producer = kafka.producer(new StringSerializer(),
                AvroSerde.forValues(registry.client(), Recommendations.class))) {
            for (int i = 0; i < instances; i++) {
                running.add(startInstance(i, settings));
            }
            double connectSeconds = (System.nanoTime() - started) / 1e9;
            for (Instance instance : running) {
                instance.load().mark(instance.load().connected());
            }
            Instant now = Instant.now();
            for (Instance instance : running) {
                for (int user = 0; user < instance.load().connected(); user++) {
                    String userId = instance.userPrefix() + user;
                    producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), userId,
                            BenchFrames.sample(userId, now)));
                }
            }
            producer.flush();
            List<JsonNode> rounds = new ArrayList<>();
            for (Instance instance : running) {
                rounds.add(instance.load().awaitMarked());
            }
            String report = report(running, rounds, connectSeconds);
            System.out.println(report);
            Files.writeString(Path.of("target", "push-scale-out.md"), report);
            for (int i = 0; i < running.size(); i++) {
                assertThat(rounds.get(i).get("messages").asInt()).as("updates pushed by instance " + i)
                        .isEqualTo(running.get(i).load().connected());
            }
        } finally {
            for (Instance instance : running) {
                instance.load().close();
                instance.server().close();
            }
        }
    }

    private Instance startInstance(int index, List<String> settings) throws Exception {
        BenchServerProcess server = BenchServerProcess.java("push-" + index, BenchPushServer.class, settings);
        int port = server.awaitPort();
        Poll.untilTrue(Duration.ofSeconds(60), () -> PushBenchmark.get(port, "/health/ready").contains("\"UP\""),
                "push instance " + index + " replayed the topic");
        long idle = server.rssAfterGcKb();
        String userPrefix = "scale-" + index + "-user-";
        FeedLoadDriver load = FeedLoadDriver.start("ws://127.0.0.1:" + port + "/v1/feed", perInstance,
                PushBenchmark.SECRET, userPrefix);
        return new Instance(server, load, userPrefix, idle, server.rssAfterGcKb());
    }

    private String report(List<Instance> running, List<JsonNode> rounds, double connectSeconds) {
        StringBuilder out = new StringBuilder(String.format(
                "%d push-service instances, %d sockets requested each, all connected in %.1f s%n%n",
                running.size(), perInstance, connectSeconds));
        out.append("| instance | sockets held | RSS idle (MB) | RSS with sockets (MB) | RSS per socket (KB) |"
                + " one update per user: pushed | round p50 ms | round p99 ms |\n|---|---|---|---|---|---|---|---|\n");
        long held = 0;
        long addedKb = 0;
        for (int i = 0; i < running.size(); i++) {
            Instance instance = running.get(i);
            JsonNode round = rounds.get(i);
            held += instance.load().connected();
            addedKb += instance.rssHeldKb() - instance.rssIdleKb();
            out.append(String.format("| %d | %,d | %.0f | %.0f | %.1f | %,d | %s | %s |%n", i,
                    instance.load().connected(), instance.rssIdleKb() / 1024.0, instance.rssHeldKb() / 1024.0,
                    instance.kbPerSocket(), round.get("messages").asInt(), round.get("p50"), round.get("p99")));
        }
        out.append(String.format("%n**%,d sockets held on this machine**, %.1f KB of RSS per socket over all instances%n",
                held, addedKb / (double) held));
        return out.toString();
    }
}
