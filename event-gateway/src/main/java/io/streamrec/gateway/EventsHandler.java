package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.streamrec.gateway.GatewayMetrics.RejectReason;
import io.streamrec.schemas.Interaction;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Takes a request's events (from its {@link EventReader}) to Kafka; runs at the end of the {@code /v1/events},
 * {@code /v1/beacon} and {@code /v1/pixel.gif} chains, on the IO thread when {@link IoThreadAdmission} allowed it,
 * on a worker thread otherwise. Each event is judged on its own; the valid
 * ones go to Kafka, and the answer waits for Kafka: the route's {@link AcceptedAnswer} (202, 204, a GIF) once every
 * valid event is acknowledged, 503 with {@code Retry-After} when Kafka did not acknowledge them all in time, 400 when
 * no event is valid.
 */
final class EventsHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(EventsHandler.class);

    private final EventReader reader;
    private final AcceptedAnswer acceptedAnswer;
    private final InteractionPublisher publisher;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final int retryAfterSeconds;

    EventsHandler(EventReader reader, AcceptedAnswer acceptedAnswer, InteractionPublisher publisher,
                  GatewayMetrics metrics, Clock clock, int retryAfterSeconds) {
        this.reader = reader;
        this.acceptedAnswer = acceptedAnswer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JudgedEvents events;
        try {
            events = reader.read(exchange, clock.instant());
        } catch (RejectedRequestException e) {
            Json.error(exchange, e.status(), e.getMessage());
            return;
        }
        List<Interaction> valid = events.valid();
        List<Rejection> rejected = events.rejected();
        metrics.rejected(RejectReason.INVALID, rejected.size());
        if (valid.isEmpty()) {
            Json.send(exchange, StatusCodes.BAD_REQUEST, EventsResponses.noneValid(rejected));
            return;
        }
        AsyncResponses.respondWhenDone(exchange, publisher.publishAll(valid),
                (done, outcome) -> answer(done, outcome, rejected));
    }

    private void answer(HttpServerExchange exchange, PublishOutcome outcome, List<Rejection> rejected) {
        if (outcome.allAcknowledged()) {
            metrics.accepted(outcome.events());
            acceptedAnswer.send(exchange, outcome.events(), rejected);
            return;
        }
        // The client resends the whole request, so none of its events counts as accepted, even those Kafka took:
        // their eventIds let the consumers drop the duplicates.
        String notAcknowledged = outcome.unacknowledged() + " of " + outcome.events() + " events";
        if (outcome.retriable()) {
            metrics.rejected(RejectReason.UNAVAILABLE, outcome.events());
            log.atDebug().addKeyValue("events", outcome.events()).addKeyValue("unacknowledged", outcome.unacknowledged())
                    .addKeyValue("cause", outcome.cause()).log("events not acknowledged in time");
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
            Json.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Kafka did not acknowledge " + notAcknowledged
                    + " (" + outcome.cause() + "); retry the request after " + retryAfterSeconds + " s, with the same"
                    + " eventIds so that events already written are not counted twice");
        } else {
            metrics.rejected(RejectReason.FAILED, outcome.events());
            log.atWarn().addKeyValue("events", outcome.events()).addKeyValue("unacknowledged", outcome.unacknowledged())
                    .addKeyValue("cause", outcome.cause()).log("Kafka refused events");
            Json.error(exchange, StatusCodes.INTERNAL_SERVER_ERROR,
                    "Kafka refused " + notAcknowledged + ": " + outcome.cause());
        }
    }
}
