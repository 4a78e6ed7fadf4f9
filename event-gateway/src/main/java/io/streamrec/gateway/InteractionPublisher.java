package io.streamrec.gateway;

import io.micrometer.core.instrument.Timer;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Interaction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka side of the gateway: writes interactions to their topic, keyed by userId so that one user's events stay
 * ordered in one partition, and reports when Kafka acknowledged them. It knows nothing about HTTP.
 *
 * <p>{@link #publishAll} blocks for about {@code max.block.ms} at most, and only when the buffer is full (see
 * {@link #hasBufferHeadroom}) or the topic's metadata is missing: once a send fails at once (buffer
 * full, no metadata), the rest of the batch is not sent, since the request fails as a whole anyway. Its future
 * always completes within the acknowledgement timeout (plus {@link AckDeadlines#SWEEP_INTERVAL} at most).
 */
final class InteractionPublisher implements AutoCloseable {
    private static final long METADATA_RETRY_PAUSE_MS = 50;

    private final Producer<String, Interaction> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final Timer produceLatency;
    private final Optional<Metric> bufferAvailableBytes;
    private final double headroomBytes;
    private final AckDeadlines deadlines;

    /** Takes ownership of {@code producer}: {@link #close()} flushes and closes it. */
    InteractionPublisher(Producer<String, Interaction> producer, String topic, Duration ackTimeout, Timer produceLatency) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.produceLatency = produceLatency;
        this.deadlines = new AckDeadlines(ackTimeout);
        Map<MetricName, ? extends Metric> metrics = producer.metrics();
        this.bufferAvailableBytes = producerMetric(metrics, "buffer-available-bytes");
        this.headroomBytes = producerMetric(metrics, "buffer-total-bytes")
                .map(total -> ((Number) total.metricValue()).doubleValue() / 2).orElse(Double.MAX_VALUE);
    }

    private static Optional<Metric> producerMetric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .map(Map.Entry::getValue)
                .map(Metric.class::cast)
                .findFirst();
    }

    /**
     * True while at least half of the producer's buffer memory is free: then a send of a few events does not wait
     * for buffer space ({@code max.block.ms}). When Kafka is slow or down the buffer fills and this turns false.
     */
    boolean hasBufferHeadroom() {
        return bufferAvailableBytes.isPresent()
                && ((Number) bufferAvailableBytes.get().metricValue()).doubleValue() >= headroomBytes;
    }

    /** Sends the events and completes (never exceptionally) once each is acknowledged, failed or timed out. */
    CompletableFuture<PublishOutcome> publishAll(List<Interaction> events) {
        PendingAcks pending = new PendingAcks(events.size());
        int sent = 0;
        for (Interaction event : events) {
            sent++;
            if (!publish(event, pending)) {
                break;
            }
        }
        pending.sendingDone(events.size() - sent);
        if (!pending.answered()) {
            deadlines.watch(pending);
        }
        return pending.all;
    }

    /** @return false when the send failed at once (the rest of the batch is not worth sending) */
    private boolean publish(Interaction event, PendingAcks pending) {
        try {
            producer.send(new ProducerRecord<>(topic, event.getUserId(), event), pending);
            return true;
        } catch (RuntimeException e) {
            // serialization and client-side failures (buffer full, no metadata) are thrown, not passed to the callback
            pending.failed(e);
            return false;
        }
    }

    /**
     * The acknowledgements a request waits for. Kafka calls back once per record on its single network thread, so
     * each callback only counts; the request's future completes once, when the last record is answered, and the
     * produce latency is recorded then, per request.
     */
    private final class PendingAcks implements Callback, AckDeadlines.Waiting {
        private final int events;
        private final long startNanos = System.nanoTime();
        private final CompletableFuture<PublishOutcome> all = new CompletableFuture<>();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        /** Records not yet answered, plus one while sending goes on, so that an early answer cannot complete. */
        private final AtomicInteger outstanding;

        PendingAcks(int events) {
            this.events = events;
            this.outstanding = new AtomicInteger(events + 1);
        }

        /** Kafka's answer for one record. */
        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error != null) {
                failed(error);
            } else {
                acknowledged.incrementAndGet();
                settled(1);
            }
        }

        void failed(Throwable error) {
            failures.add(error);
            settled(1);
        }

        /** @param unsent records never handed to the producer after a failed send: no callback will come for them */
        void sendingDone(int unsent) {
            settled(unsent + 1);
        }

        private void settled(int records) {
            if (outstanding.addAndGet(-records) == 0) {
                produceLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                all.complete(new PublishOutcome(events, acknowledged.get(), failures));
            }
        }

        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public boolean answered() {
            return all.isDone();
        }

        @Override
        public void timeOut() {
            List<Throwable> reasons = new ArrayList<>(failures);
            reasons.add(0, new TimeoutException("Kafka did not acknowledge within " + ackTimeout.toMillis() + " ms"));
            all.complete(new PublishOutcome(events, acknowledged.get(), reasons));
        }
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
            deadlines.close();
        }
    }
}
