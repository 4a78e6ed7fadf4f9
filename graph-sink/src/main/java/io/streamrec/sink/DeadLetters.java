package io.streamrec.sink;

import io.streamrec.schemas.DeadLetterHeaders;
import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends bad records, unchanged, to {@code user-item-edges-dlq} with headers saying where each came from and why, and
 * waits for the broker's acknowledgements: the sink commits a bad record's offset only once the dead-letter topic
 * holds it. A batch retried after a failure may send a record twice (at least once, like the edges).
 */
final class DeadLetters {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;

    DeadLetters(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** @throws DeadLetterException when the topic did not acknowledge every record */
    void sendAndAwait(List<SkippedRecord> badRecords) {
        if (badRecords.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(badRecords.size());
        try {
            for (SkippedRecord bad : badRecords) {
                acks.add(producer.send(deadLetter(bad)));
            }
            long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while waiting for the dead-letter topic", e, true);
        } catch (TimeoutException e) {
            throw new DeadLetterException("the dead-letter topic did not acknowledge within " + ACK_TIMEOUT, e, true);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    static ProducerRecord<byte[], byte[]> deadLetter(SkippedRecord bad) {
        Headers headers = new RecordHeaders(bad.record().headers().toArray());
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, bad.record().topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(bad.record().partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(bad.record().offset()));
        add(headers, DeadLetterHeaders.REASON, bad.reason().tag());
        add(headers, DeadLetterHeaders.ERROR, String.valueOf(bad.detail()));
        return new ProducerRecord<>(Topics.USER_ITEM_EDGES_DLQ.name(), null, bad.record().key(),
                bad.record().value(), headers);
    }

    private static DeadLetterException failure(Throwable cause) {
        // retriable: the broker is away or busy; any other (authorization, record too large) will not clear
        boolean retriable = cause instanceof RetriableException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException;
        return new DeadLetterException("cannot write to " + Topics.USER_ITEM_EDGES_DLQ.name() + ": " + cause, cause,
                retriable);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The dead-letter topic did not take a batch's bad records; {@link #retriable()} says whether trying again helps. */
    static final class DeadLetterException extends RuntimeException {
        private final boolean retriable;

        DeadLetterException(String message, Throwable cause, boolean retriable) {
            super(message, cause);
            this.retriable = retriable;
        }

        boolean retriable() {
            return retriable;
        }
    }
}
