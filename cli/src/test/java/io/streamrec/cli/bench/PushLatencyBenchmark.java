package io.streamrec.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.Client;
import io.streamrec.processor.Strategy;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.testkit.BenchmarkReport;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestDirectories;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

import static io.streamrec.common.etcd.EtcdClients.bytes;

/**
 * Issue 7's two end-to-end latencies on the real pipeline ({@code streamrec demo --no-traffic} in a child JVM, every
 * service real), with {@code bench.users} (10,000) feeds connected from this JVM:
 * <ol>
 *   <li>strategy put in etcd -> every connected client received recommendations with the new version, per client;
 *       peer in the same run: the same 10,000 updates produced straight to {@code recommendations} (the push
 *       service's share alone) and a Kafka produce -> read_committed consume;</li>
 *   <li>event POSTed to the gateway -> its effect pushed to the user's feed, at rising rates up to 10k events/s;
 *       peer: Kafka produce -> read_committed consume at the same rate on the same broker.</li>
 * </ol>
 * Not part of the test suite; run it with {@code cli/bench/push-latency.sh} as docs/benchmarks.md says.
 */
class PushLatencyBenchmark {
    private static final int USERS = Integer.getInteger("bench.users", 10_000);
    private static final int STRATEGY_ROUNDS = Integer.getInteger("bench.strategy-rounds", 3);
    private static final List<Integer> RATES = List.of(100, 200, 400, 800, 1600, 3200);
    private static final int TARGET_RATE = 10_000;
    private static final Duration STEP = Duration.ofSeconds(Integer.getInteger("bench.step-seconds", 10));
    private static final Duration STEP_DRAIN = Duration.ofSeconds(10);
    private static final Duration TARGET_STEP = Duration.ofSeconds(5);
    /** A rate is kept up with when every event is pushed and the p99 stays bounded (no backlog building up). */
    private static final long KEPT_UP_P99_MICROS = 2_000_000;
    private static final Duration TARGET_DRAIN = Duration.ofSeconds(40);
    private static final Duration ALL_UPDATED_WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BenchmarkReport report = new BenchmarkReport(Path.of("target", "benchmarks", "push-latency.md"));

    private Path dataDir;

    /** The demo's data: hundreds of MB that should not outlive the run. */
    @AfterEach
    void deleteDataDir() {
        if (dataDir != null) {
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    @Test
    void strategyFanOutAndGatewayToFeedLatency() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        dataDir = Files.createTempDirectory(out, "push-latency-");
        report.line("Measured %s UTC, load average before: %s", LocalDateTime.now(ZoneOffset.UTC).withNano(0), BenchmarkReport.loadAverage());
        long begin = System.nanoTime();
        try (DemoProcess demo = new DemoProcess(dataDir, out.resolve("push-latency-demo.log"), "3g")) {
            demo.awaitReady();
            report.line("streamrec demo ready in %.1f s", seconds(System.nanoTime() - begin));
            long connecting = System.nanoTime();
            try (FeedFleet fleet = FeedFleet.connect(demo.url(demo.push), dataDir.resolve("push-token.secret"), USERS)) {
                report.line("%,d feeds connected in %.1f s; demo RSS %,d MB", fleet.size(), seconds(System.nanoTime() - connecting),
                        demo.residentKilobytes() / 1024);
                seed(demo, fleet);
                strategyRounds(demo, fleet);
                gatewayRates(demo, fleet);
            }
        } finally {
            report.line("load average after: %s", BenchmarkReport.loadAverage());
        }
    }

    /** One event per user through the gateway, so every user is active and has recommendations. */
    private void seed(DemoProcess demo, FeedFleet fleet) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < USERS; from += 500) {
            StringJoiner batch = new StringJoiner(",", "[", "]");
            for (int user = from; user < Math.min(USERS, from + 500); user++) {
                batch.add("{\"eventId\":\"seed-" + user + "\",\"userId\":\"" + FeedFleet.user(user) + "\",\"itemId\":\"item-"
                        + (1 + user % 100) + "\",\"type\":\"view\"}");
            }
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(demo.url(demo.gateway) + "/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                throw new AssertionError("gateway refused the seed batch: " + answer.statusCode() + " " + answer.body());
            }
        }
        Poll.until(Duration.ofSeconds(300), fleet::usersWithUpdates, count -> count == USERS);
        report.line("seeded: %,d events through the gateway -> all %,d feeds had recommendations after %.1f s (%.0f events/s end to end)",
                USERS, USERS, seconds(System.nanoTime() - start), USERS / seconds(System.nanoTime() - start));
    }

    private void strategyRounds(DemoProcess demo, FeedFleet fleet) throws Exception {
        KafkaBaselines kafka = new KafkaBaselines(demo.bootstrapServers());
        Histogram roundTrip = kafka.sequentialRoundTrip(50, 500);
        report.line("");
        report.line("### Strategy put in etcd -> %,d connected clients updated", USERS);
        report.line("");
        report.line("| round | clients updated | p50 ms | p99 ms | max ms |");
        report.line("|---|---|---|---|---|");
        List<Histogram> puts = new ArrayList<>();
        try (Client etcd = Client.builder().endpoints(demo.url(demo.etcd)).build()) {
            for (int round = 1; round <= STRATEGY_ROUNDS; round++) {
                String json = "{\"pinned\": {\"default\": [\"item-" + round + "\"]}}";
                // the new version is the put's revision, so anything above the current one is it
                long before = etcd.getKVClient().get(bytes(Strategy.ETCD_PREFIX)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
                Histogram h = awaitAllClients(fleet, "strategy put " + round, payload -> payload.path("triggerEventId").isNull()
                                && payload.path("strategyVersion").asLong() > before,
                        () -> etcd.getKVClient().put(bytes(Strategy.ETCD_PREFIX + Strategy.DEFAULT_NAME), bytes(json))
                                .get(10, TimeUnit.SECONDS));
                puts.add(h);
                report.line("| strategy put %d | %,d | %s |", round, h.getTotalCount(), row(h));
            }
        }
        List<Histogram> direct = new ArrayList<>();
        try (KafkaProducer<String, Recommendations> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                AvroSerde.forValues(SchemaRegistryClient.http(demo.url(demo.registry)), Recommendations.class).serializer())) {
            // unmeasured: the serializer's first record fetches the schema id from the registry
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), FeedFleet.user(0),
                    recommendations(FeedFleet.user(0), "warm-up"))).get(30, TimeUnit.SECONDS);
            for (int round = 1; round <= STRATEGY_ROUNDS; round++) {
                String strategy = "direct-" + round;
                Histogram h = awaitAllClients(fleet, "direct produce " + round,
                        payload -> payload.path("strategy").asText().equals(strategy), () -> {
                            for (int user = 0; user < USERS; user++) {
                                producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), FeedFleet.user(user),
                                        recommendations(FeedFleet.user(user), strategy)));
                            }
                            producer.flush();
                        });
                direct.add(h);
                report.line("| peer: %,d updates produced straight to `recommendations`, round %d | %,d | %s |", USERS, round,
                        h.getTotalCount(), row(h));
            }
        }
        report.line("| peer: Kafka produce (acks=all) -> read_committed consume, 1 record, 500 sequential | - | %s |", row(roundTrip));
        Histogram best = median(puts);
        Histogram bestDirect = median(direct);
        report.line("");
        report.line("Median round: strategy put -> %,d clients p99 **%.0f ms** vs direct produce -> clients p99 %.0f ms: ratio **%.1fx**; "
                        + "vs one Kafka round trip p99 %.1f ms: %.0fx.", USERS, ms(best.getValueAtPercentile(99)),
                ms(bestDirect.getValueAtPercentile(99)),
                (double) best.getValueAtPercentile(99) / bestDirect.getValueAtPercentile(99),
                ms(roundTrip.getValueAtPercentile(99)),
                (double) best.getValueAtPercentile(99) / roundTrip.getValueAtPercentile(99));
    }

    /** Starts the clock, runs {@code action}, and waits until every client received a payload matching {@code updated}. */
    private Histogram awaitAllClients(FeedFleet fleet, String what, Predicate<JsonNode> updated, ThrowingAction action) throws Exception {
        AtomicLongArray firstNanos = new AtomicLongArray(USERS);
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        fleet.observe((user, at, payload) -> {
            if (updated.test(payload) && firstNanos.compareAndSet(user, 0, at)) {
                count.incrementAndGet();
            }
        });
        action.run();
        long deadline = System.nanoTime() + ALL_UPDATED_WITHIN.toNanos();
        while (count.get() < USERS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Histogram histogram = new Histogram(3);
        for (int user = 0; user < USERS; user++) {
            if (firstNanos.get(user) != 0) {
                histogram.recordValue(Math.max(0, (firstNanos.get(user) - start) / 1000));
            }
        }
        if (count.get() < USERS) {
            report.line("(%s: only %,d of %,d clients updated within %d s)", what, count.get(), USERS, ALL_UPDATED_WITHIN.toSeconds());
        }
        return histogram;
    }

    private void gatewayRates(DemoProcess demo, FeedFleet fleet) throws Exception {
        KafkaBaselines kafka = new KafkaBaselines(demo.bootstrapServers());
        GatewayLoad load = new GatewayLoad(demo.url(demo.gateway), USERS);
        fleet.observe(load);
        report.line("");
        report.line("### Event POSTed to the gateway -> pushed to the user's feed (%,d users, %,d feeds, events round robin)", USERS, USERS);
        report.line("");
        report.line("| offered events/s | sent | accepted (202) | pushed within step + drain | pushed/s | p50 ms | p99 ms | max ms | peer Kafka p50 ms | peer Kafka p99 ms | ratio p50 | ratio p99 |");
        report.line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        int sustained = 0;
        for (int rate : RATES) {
            Histogram peer = kafka.paced(rate, Duration.ofSeconds(5));
            GatewayLoad.Step step = load.run(rate, STEP, STEP_DRAIN);
            stepRow(step, peer);
            boolean kept = step.delivered().get() == step.sent().get() && step.latencyMicros().getValueAtPercentile(99) <= KEPT_UP_P99_MICROS;
            if (!kept) {
                break;
            }
            sustained = rate;
        }
        // a rate not kept up with leaves a backlog: let it clear so that the 10k/s step starts from an idle pipeline
        load.awaitNothingPending(TARGET_DRAIN);
        Histogram peer = kafka.paced(TARGET_RATE, TARGET_STEP);
        GatewayLoad.Step target = load.run(TARGET_RATE, TARGET_STEP, TARGET_DRAIN);
        stepRow(target, peer);
        report.line("");
        report.line("Highest rate kept up with (every event pushed within the drain, p99 <= 2 s): %s. At %,d events/s for %d s: %,d of %,d pushed within %d s "
                        + "after the last send, at %.0f events/s.", sustained == 0 ? "none of the rates tried" : String.format("%,d events/s", sustained),
                TARGET_RATE, TARGET_STEP.toSeconds(), target.delivered().get(), target.sent().get(), TARGET_DRAIN.toSeconds(),
                target.deliveredPerSecond());
    }

    private void stepRow(GatewayLoad.Step step, Histogram peer) {
        Histogram h = step.latencyMicros();
        report.line("| %,d | %,d | %,d | %,d | %.0f | %s | %.1f | %.1f | %.1fx | %.1fx |", step.perSecond(), step.sent().get(), step.accepted().get(),
                step.delivered().get(), step.deliveredPerSecond(), h.getTotalCount() == 0 ? "- | - | -" : row(h),
                ms(peer.getValueAtPercentile(50)), ms(peer.getValueAtPercentile(99)),
                h.getTotalCount() == 0 ? Double.NaN : (double) h.getValueAtPercentile(50) / peer.getValueAtPercentile(50),
                h.getTotalCount() == 0 ? Double.NaN : (double) h.getValueAtPercentile(99) / peer.getValueAtPercentile(99));
    }

    private static Recommendations recommendations(String user, String strategy) {
        List<RecommendedItem> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(RecommendedItem.newBuilder().setItemId("item-" + i).setScore(1.0 / i)
                    .setSources(Map.of("similar", 0.5 / i, "popular", 0.2 / i, "trending", 0.3 / i)).build());
        }
        return Recommendations.newBuilder().setUserId(user).setItems(items).setStrategy(strategy).setStrategyVersion(1)
                .setGeneratedAt(Instant.now()).build();
    }

    private static Histogram median(List<Histogram> rounds) {
        return rounds.stream().sorted((a, b) -> Long.compare(a.getValueAtPercentile(99), b.getValueAtPercentile(99)))
                .toList().get(rounds.size() / 2);
    }

    private static String row(Histogram h) {
        return String.format("%.1f | %.1f | %.1f", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }



    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }
}
