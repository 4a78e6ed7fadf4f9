package io.streamrec.cli.traffic;

import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.random.ZipfSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A synthetic shopper population sending events to the gateway's HTTP API at a steady rate, as browsers would:
 * one event per request, several sessions interleaved. It never queues without bound: when the gateway is slower
 * than the rate, events beyond the in-flight limit are skipped and counted.
 */
public final class TrafficGenerator implements Service {
    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);
    private static final int CONCURRENT_SESSIONS = 16;
    private static final int MAX_IN_FLIGHT = 64;
    private static final long TICK_MS = 10;
    private static final double ZIPF_EXPONENT = 1.0;

    /** Counters since start. */
    public record Stats(long accepted, long rejected, long failed, long skipped) {
    }

    private final URI events;
    private final double ratePerSecond;
    private final Shopper shopper;
    private final SplittableRandom random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final List<Deque<Shopper.Event>> sessions = new ArrayList<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private ScheduledExecutorService ticker;
    private long startNanos;
    private long due;

    public TrafficGenerator(String gatewayUrl, int users, int items, double ratePerSecond, long seed) {
        if (users < 1 || items < 1 || !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("users, items and rate must be positive");
        }
        this.events = URI.create(gatewayUrl + "/v1/events");
        this.ratePerSecond = ratePerSecond;
        this.shopper = new Shopper(new ZipfSampler(items, ZIPF_EXPONENT), users);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "demo traffic";
    }

    @Override
    public void start() {
        for (int i = 0; i < CONCURRENT_SESSIONS; i++) {
            sessions.add(new ArrayDeque<>());
        }
        startNanos = System.nanoTime();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-traffic"));
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        log.atInfo().addKeyValue("rate", ratePerSecond).addKeyValue("gateway", events).log("demo traffic started");
    }

    private void tick() {
        long shouldHaveSent = (long) ((System.nanoTime() - startNanos) / 1e9 * ratePerSecond);
        while (due < shouldHaveSent) {
            due++;
            send(nextEvent());
        }
    }

    private Shopper.Event nextEvent() {
        Deque<Shopper.Event> session = sessions.get(random.nextInt(sessions.size()));
        if (session.isEmpty()) {
            session.addAll(shopper.session(random));
        }
        return session.poll();
    }

    private void send(Shopper.Event event) {
        if (!inFlight.tryAcquire()) {
            skipped.increment();
            return;
        }
        String body = "{\"userId\":\"" + event.userId() + "\",\"itemId\":\"" + event.itemId()
                + "\",\"type\":\"" + event.type() + "\",\"context\":{\"source\":\"streamrec-simulate\"}}";
        http.sendAsync(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    if (error != null || response.statusCode() >= 500) {
                        failed.increment();
                    } else if (response.statusCode() == 202) {
                        accepted.increment();
                    } else {
                        rejected.increment();
                    }
                    // after counting: close() takes every permit back to know that the counts are final
                    inFlight.release();
                });
    }

    public Stats stats() {
        return new Stats(accepted.sum(), rejected.sum(), failed.sum(), skipped.sum());
    }

    @Override
    public void close() throws InterruptedException {
        if (ticker != null) {
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            // let requests already sent get their answers, so the counts are final
            inFlight.tryAcquire(MAX_IN_FLIGHT, 10, TimeUnit.SECONDS);
        }
    }
}
