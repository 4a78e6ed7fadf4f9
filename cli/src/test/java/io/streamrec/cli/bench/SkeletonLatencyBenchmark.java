package io.streamrec.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.cli.FeedClient;
import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @Test
    void endToEndLatency() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-skeleton");
        long begin = System.nanoTime();
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), false)) {
            double startupSeconds = (System.nanoTime() - begin) / 1e9;
            Histogram kafka = kafkaRoundTrip(pipeline.urls().get("kafka"));
            Histogram pipelineLatency = pipelineRoundTrip(pipeline.urls());
            report(startupSeconds, kafka, pipelineLatency);
        }
    }

    private static Histogram kafkaRoundTrip(String bootstrap) throws Exception {
        String topic = "bench-roundtrip";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Histogram histogram = new Histogram(3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                String id = Integer.toString(i);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, id)).get();
                awaitRecord(consumer, id);
                if (i >= WARMUP) {
                    histogram.recordValue((System.nanoTime() - sent) / 1000);
                }
            }
        }
        return histogram;
    }

    private static void awaitRecord(KafkaConsumer<String, String> consumer, String id) {
        while (true) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (id.equals(record.value())) {
                    return;
                }
            }
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
