package io.streamrec.gateway;

import io.micrometer.core.instrument.Timer;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Interaction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka side of the gateway: writes interactions to their topic, keyed by userId so that one user's events stay
 * ordered in one partition, and reports when Kafka acknowledged them. It knows nothing about HTTP.
 *
 * <p>{@link #publishAll} blocks a worker for about {@code max.block.ms} at most: once a send fails at once (buffer
 * full, no metadata), the rest of the batch is not sent, since the request fails as a whole anyway. Its future
 * always completes within the acknowledgement timeout.
 */
final class InteractionPublisher implements AutoCloseable {
    private static final long METADATA_RETRY_PAUSE_MS = 50;

    private final Producer<String, Interaction> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final Timer produceLatency;

    /** Takes ownership of {@code producer}: {@link #close()} flushes and closes it. */
    InteractionPublisher(Producer<String, Interaction> producer, String topic, Duration ackTimeout, Timer produceLatency) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.produceLatency = produceLatency;
    }

    /** Sends the events and completes (never exceptionally) once each is acknowledged, failed or timed out. */
    CompletableFuture<PublishOutcome> publishAll(List<Interaction> events) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (Interaction event : events) {
            CompletableFuture<RecordMetadata> ack = publish(event);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break;
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, error) -> outcome(events.size(), acks));
    }

    private CompletableFuture<RecordMetadata> publish(Interaction event) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(topic, event.getUserId(), event), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    produceLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    ack.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // serialization (schema registry) and client-side failures are thrown rather than passed to the callback
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private PublishOutcome outcome(int events, List<CompletableFuture<RecordMetadata>> acks) {
        int acknowledged = 0;
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<RecordMetadata> ack : acks) {
            if (!ack.isDone()) {
                failures.add(new TimeoutException("Kafka did not acknowledge within " + ackTimeout.toMillis() + " ms"));
            } else if (ack.isCompletedExceptionally()) {
                failures.add(ack.handle((metadata, error) -> error).join());
            } else {
                acknowledged++;
            }
        }
        return new PublishOutcome(events, acknowledged, failures);
    }

    /**
     * Waits until the producer knows the topic's partitions. Until then every send would wait for metadata, longer
     * than {@code max.block.ms} allows, and fail; so the gateway does this before it takes requests.
     */
    void awaitTopicMetadata(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (!producer.partitionsFor(topic).isEmpty()) {
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // each attempt waits max.block.ms; keep asking until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException("the producer got no metadata for topic " + topic + " within "
                        + timeout.toMillis() + " ms");
            }
            pauseBeforeRetry();
        }
    }

    /** With a max.block.ms of 0 each attempt returns at once; the pause gives the metadata request time to answer. */
    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(METADATA_RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for topic metadata", e);
        }
    }

    /** Waits for every event sent so far to be acknowledged or failed, then closes the producer. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(ackTimeout);
        }
    }
}
