package io.streamrec.gateway;

import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class PublishOutcomeTest {

    @Test
    void allAcknowledged() {
        PublishOutcome outcome = new PublishOutcome(3, 3, List.of());

        assertThat(outcome.allAcknowledged()).isTrue();
        assertThat(outcome.unacknowledged()).isZero();
    }

    @Test
    void slowOrUnavailableKafkaIsRetriable() {
        assertThat(failedWith(new TimeoutException("Kafka did not acknowledge within 10000 ms")).retriable()).isTrue();
        assertThat(failedWith(new org.apache.kafka.common.errors.TimeoutException("no metadata")).retriable()).isTrue();
        assertThat(failedWith(new BufferExhaustedException("full")).retriable()).isTrue();
        assertThat(failedWith(new NotEnoughReplicasException("isr")).retriable()).isTrue();
        assertThat(failedWith(new SchemaRegistryException("cannot reach", new java.io.IOException("refused")))
                .retriable()).isTrue();
        assertThat(failedWith(new SchemaRegistryException("registry answered 500", 50001)).retriable()).isTrue();
    }

    @Test
    void refusalsThatWouldRepeatAreNotRetriable() {
        assertThat(failedWith(new RecordTooLargeException("too large")).retriable()).isFalse();
        assertThat(failedWith(new TopicAuthorizationException(Set.of("interactions"))).retriable()).isFalse();
        assertThat(failedWith(new SchemaRegistryException("incompatible", 409)).retriable()).isFalse();
        assertThat(new PublishOutcome(2, 0, List.of(new TimeoutException("slow"), new RecordTooLargeException("big")))
                .retriable()).isFalse();
    }

    @Test
    void theCauseIsTheFirstFailureInWords() {
        assertThat(failedWith(new BufferExhaustedException("Failed to allocate 100 bytes")).cause())
                .isEqualTo("the producer buffer is full");
        assertThat(failedWith(new TimeoutException("Kafka did not acknowledge within 10000 ms")).cause())
                .isEqualTo("Kafka did not acknowledge within 10000 ms");
        assertThat(failedWith(new RecordTooLargeException("The message is 2000000 bytes")).cause())
                .isEqualTo("RecordTooLargeException: The message is 2000000 bytes");
    }

    @Test
    void eventsLeftUnsentCountAsUnacknowledged() {
        PublishOutcome outcome = new PublishOutcome(5, 1, List.of(new BufferExhaustedException("full")));

        assertThat(outcome.allAcknowledged()).isFalse();
        assertThat(outcome.unacknowledged()).isEqualTo(4);
    }

    private static PublishOutcome failedWith(Throwable failure) {
        return new PublishOutcome(1, 0, List.of(failure));
    }
}
