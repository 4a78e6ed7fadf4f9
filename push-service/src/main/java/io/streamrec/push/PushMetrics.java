package io.streamrec.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamrec.push.TokenVerification.Reason;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The push service's meters, named once here so the handlers only say what happened. */
final class PushMetrics {
    private final MeterRegistry registry;
    private final Counter messagesSent;
    private final Counter messagesCoalesced;
    private final Counter sendFailures;
    private final Counter messagesDropped;
    private final Counter connectionsRefused;
    private final Map<FeedCloseCode, Counter> disconnects = new EnumMap<>(FeedCloseCode.class);
    private final Timer sendLatency;
    private final Map<Reason, Counter> authFailures = new EnumMap<>(Reason.class);
    private final Counter originRefusals;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messagesSent = Counter.builder("push.messages.sent")
                .description("Recommendation frames flushed to sockets").register(registry);
        this.messagesCoalesced = Counter.builder("push.messages.coalesced")
                .description("Updates replaced by a newer one before their socket was free to take them")
                .register(registry);
        this.sendFailures = Counter.builder("push.send.failures")
                .description("Frames that failed or timed out; their socket is closed").register(registry);
        this.messagesDropped = Counter.builder("push.messages.dropped")
                .description("Updates never delivered because their socket was closed as stuck or broken")
                .register(registry);
        this.connectionsRefused = Counter.builder("push.connections.refused")
                .description("Feed upgrades refused because the instance holds streamrec.push.max-connections")
                .register(registry);
        for (FeedCloseCode code : FeedCloseCode.values()) {
            disconnects.put(code, Counter.builder("push.disconnects").tag("reason", code.tag())
                    .description("Feed sockets the server closed, by reason").register(registry));
        }
        this.sendLatency = Timer.builder("push.send.latency")
                .description("From handing a frame to the socket until it is flushed").publishPercentileHistogram()
                .register(registry);
        for (Reason reason : Reason.values()) {
            authFailures.put(reason, Counter.builder("push.auth.failures").tag("reason", reason.tag())
                    .description("Feed upgrades refused for their token").register(registry));
        }
        this.originRefusals = Counter.builder("push.origin.refusals")
                .description("Feed upgrades refused because the page's origin is not allowed").register(registry);
    }

    void gauges(Supplier<Number> connections, Supplier<Number> users) {
        Gauge.builder("push.connections", connections).description("Open feed sockets").register(registry);
        Gauge.builder("push.snapshot.users", users).description("Users with recommendations held in memory")
                .register(registry);
    }

    void sent(long nanos) {
        messagesSent.increment();
        sendLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void coalesced() {
        messagesCoalesced.increment();
    }

    void sendFailed() {
        sendFailures.increment();
    }

    void dropped(int updates) {
        messagesDropped.increment(updates);
    }

    void connectionRefused() {
        connectionsRefused.increment();
    }

    void disconnected(FeedCloseCode code) {
        disconnected(code, 1);
    }

    void disconnected(FeedCloseCode code, int sockets) {
        disconnects.get(code).increment(sockets);
    }

    void recordSkipped(String reason) {
        Counter.builder("push.records.skipped").tag("reason", reason)
                .description("Recommendations records that cannot be pushed").register(registry).increment();
    }

    void authFailed(Reason reason) {
        authFailures.get(reason).increment();
    }

    void originRefused() {
        originRefusals.increment();
    }
}
