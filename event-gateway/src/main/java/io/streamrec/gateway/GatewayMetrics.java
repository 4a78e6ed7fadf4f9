package io.streamrec.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's own meters, named once. In Prometheus: {@code streamrec_gateway_events_accepted_total},
 * {@code streamrec_gateway_events_rejected_total{reason}}, {@code streamrec_gateway_responses_total{status}}
 * (by class: 2xx, 4xx, 5xx), {@code streamrec_gateway_produce_latency_seconds} (histogram, send to ack) and
 * {@code streamrec_gateway_requests_in_flight}.
 */
final class GatewayMetrics {

    /** Why events were not accepted; the {@code reason} tag. */
    enum RejectReason {
        /** The event broke a validation rule (400, or listed in a 202's rejections). */
        INVALID,
        /** Kafka or the registry did not take the event in time (503: the client retries). */
        UNAVAILABLE,
        /** Kafka refused the event for good (500). */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer produceLatency;
    private final AtomicInteger inFlight = new AtomicInteger();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("streamrec.gateway.events.accepted")
                .description("Events acknowledged by Kafka and answered with 202").register(registry);
        this.produceLatency = Timer.builder("streamrec.gateway.produce.latency")
                .description("Time from send to Kafka's acknowledgement, per event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        registry.gauge("streamrec.gateway.requests.in.flight", inFlight);
    }

    void accepted(int events) {
        accepted.increment(events);
    }

    void rejected(RejectReason reason, int events) {
        if (events > 0) {
            Counter.builder("streamrec.gateway.events.rejected")
                    .description("Events not accepted, by reason")
                    .tag("reason", reason.tag())
                    .register(registry)
                    .increment(events);
        }
    }

    void response(int status) {
        Counter.builder("streamrec.gateway.responses")
                .description("Responses of the events endpoint, by status class")
                .tag("status", status / 100 + "xx")
                .register(registry)
                .increment();
    }

    Timer produceLatency() {
        return produceLatency;
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }
}
