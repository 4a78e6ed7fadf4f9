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
 * (by class: 2xx, 4xx, 5xx), {@code streamrec_gateway_produce_latency_seconds} (histogram, per request: first send to last ack) and
 * {@code streamrec_gateway_requests_in_flight} and {@code streamrec_gateway_requests_refused_total{reason}}.
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

    /** Why a request was turned away before its events were read; the {@code reason} tag. */
    enum RefuseReason {
        /** 403: origin not on the allowlist, or none shown on a browser endpoint. */
        ORIGIN,
        /** 401: API key missing or not valid. */
        UNAUTHORIZED,
        /** 429: over the client's rate limit. */
        RATE_LIMITED,
        /** 503: the maintenance switch is on. */
        MAINTENANCE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer produceLatency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter[] responsesByClass;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("streamrec.gateway.events.accepted")
                .description("Events acknowledged by Kafka and answered with 202").register(registry);
        this.produceLatency = Timer.builder("streamrec.gateway.produce.latency")
                .description("Time from the first send of a request to Kafka's acknowledgement of its last event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        registry.gauge("streamrec.gateway.requests.in.flight", inFlight);
        this.responsesByClass = new Counter[6];
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            responsesByClass[statusClass] = Counter.builder("streamrec.gateway.responses")
                    .description("Responses of the event endpoints, by status class")
                    .tag("status", statusClass + "xx")
                    .register(registry);
        }
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

    void refused(RefuseReason reason) {
        Counter.builder("streamrec.gateway.requests.refused")
                .description("Requests turned away before their events were read, by reason")
                .tag("reason", reason.tag())
                .register(registry)
                .increment();
    }

    /** Looked up once: every response counts, and a registry lookup per response costs more than the count. */
    void response(int status) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            responsesByClass[statusClass].increment();
        }
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
