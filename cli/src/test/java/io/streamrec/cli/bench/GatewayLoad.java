package io.streamrec.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events POSTed to the gateway at a steady rate, spread round robin over the fleet's users, and the time until each
 * event's effect reaches its user's feed. An update triggered by event e also carries every earlier event of that
 * user (the processor handles a user's events in order, and the push service may coalesce a user's updates into
 * the latest snapshot), so it resolves all of them: latency = arrival of the first update that includes the event
 * minus the moment the event's POST was sent.
 */
final class GatewayLoad implements FeedFleet.Observer {
    private static final long TICK_NANOS = Duration.ofMillis(10).toNanos();
    private static final int TICKS_PER_SECOND = 100;

    private record Pending(String eventId, long sentNanos, Step step) {
    }

    /** What one rate achieved. */
    record Step(int perSecond, Histogram latencyMicros, AtomicLong sent, AtomicLong accepted, AtomicLong refused,
                AtomicLong delivered, AtomicLong lastDeliveryNanos, long startNanos) {
        double deliveredPerSecond() {
            return delivered.get() / Math.max(1e-9, (lastDeliveryNanos.get() - startNanos) / 1e9);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI events;
    private final Deque<Pending>[] pending;
    private long nextUser;
    private int steps;

    @SuppressWarnings("unchecked")
    GatewayLoad(String gatewayUrl, int users) {
        events = URI.create(gatewayUrl + "/v1/events");
        pending = new Deque[users];
        for (int i = 0; i < users; i++) {
            pending[i] = new ArrayDeque<>();
        }
    }

    /** Sends {@code perSecond} events a second for {@code duration}, then waits up to {@code drain} for the rest. */
    Step run(int perSecond, Duration duration, Duration drain) throws InterruptedException {
        Step step = new Step(perSecond, new ConcurrentHistogram(3), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicLong(System.nanoTime()), System.nanoTime());
        String prefix = "g" + ++steps + "-";
        KafkaBaselines.Pacer pacer = new KafkaBaselines.Pacer(TICKS_PER_SECOND);
        int perTick = Math.max(1, perSecond / TICKS_PER_SECOND);
        long ticks = duration.toSeconds() * TICKS_PER_SECOND;
        for (long tick = 0; tick < ticks; tick++) {
            pacer.awaitSlot(tick);
            StringJoiner batch = new StringJoiner(",", "[", "]");
            long now = System.nanoTime();
            for (int i = 0; i < perTick; i++) {
                int user = (int) (nextUser++ % pending.length);
                String eventId = prefix + step.sent.incrementAndGet();
                synchronized (pending[user]) {
                    pending[user].addLast(new Pending(eventId, now, step));
                }
                batch.add("{\"eventId\":\"" + eventId + "\",\"userId\":\"" + FeedFleet.user(user)
                        + "\",\"itemId\":\"item-" + (1 + (user + tick) % 100) + "\",\"type\":\"view\"}");
            }
            post(batch.toString(), perTick, step);
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (step.delivered.get() < step.sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return step;
    }

    /** Waits until every event sent so far reached its feed, or the timeout passes. */
    void awaitNothingPending(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (anyPending() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private boolean anyPending() {
        for (Deque<Pending> queue : pending) {
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void post(String body, int count, Step step) {
        http.sendAsync(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((answer, error) -> {
                    if (error == null && answer.statusCode() == 202 && answer.body().contains("\"accepted\":" + count)) {
                        step.accepted.addAndGet(count);
                    } else {
                        step.refused.addAndGet(count);
                    }
                });
    }

    @Override
    public void onRecommendations(int user, long receivedNanos, JsonNode payload) {
        String trigger = payload.path("triggerEventId").asText(null);
        if (trigger == null) {
            return;
        }
        Deque<Pending> queue = pending[user];
        synchronized (queue) {
            if (queue.stream().noneMatch(p -> p.eventId.equals(trigger))) {
                return;
            }
            Pending resolved;
            do {
                resolved = queue.removeFirst();
                resolved.step.latencyMicros.recordValue(Math.max(0, (receivedNanos - resolved.sentNanos) / 1000));
                resolved.step.delivered.incrementAndGet();
                resolved.step.lastDeliveryNanos.accumulateAndGet(receivedNanos, Math::max);
            } while (!resolved.eventId.equals(trigger));
        }
    }
}
