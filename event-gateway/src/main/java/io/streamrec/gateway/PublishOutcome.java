package io.streamrec.gateway;

import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.RetriableException;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What Kafka made of a batch: how many events it acknowledged and why the others failed.
 *
 * @param events       events of the batch
 * @param acknowledged events Kafka acknowledged
 * @param failures     why events failed (timed out, refused); events left unsent after a failure have no entry
 */
record PublishOutcome(int events, int acknowledged, List<Throwable> failures) {

    PublishOutcome {
        failures = List.copyOf(failures);
    }

    boolean allAcknowledged() {
        return acknowledged == events;
    }

    int unacknowledged() {
        return events - acknowledged;
    }

    /**
     * True when sending the same events again later may well succeed: Kafka was slow, unreachable or out of buffer,
     * or the schema registry did not answer. False when a failure will repeat (authorization, a record too large).
     */
    boolean retriable() {
        return failures.stream().allMatch(PublishOutcome::isRetriable);
    }

    /** The first failure, in words a client or operator can act on. */
    String cause() {
        return failures.isEmpty() ? "none" : describe(failures.get(0));
    }

    private static boolean isRetriable(Throwable failure) {
        return failure instanceof RetriableException
                || failure instanceof TimeoutException
                // errorCode 0: the registry did not answer at all, which passes; a refusal (4xx) would not
                || failure instanceof SchemaRegistryException registry && (registry.errorCode() == 0
                || registry.errorCode() >= 500);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof BufferExhaustedException) {
            return "the producer buffer is full";
        }
        if (failure instanceof TimeoutException) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
