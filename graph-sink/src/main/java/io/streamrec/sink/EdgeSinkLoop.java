package io.streamrec.sink;

import io.streamrec.schemas.serde.SchemaRegistryException;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.GraphStoreException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sink task, on its own thread, which alone touches the consumer: poll, collect a batch, then decode it, write it
 * through the {@link GraphStore} in one call and commit its offsets only after the write succeeded (put → flush →
 * commit). A retriable failure keeps the batch and pauses every partition, so the consumer stays in its group
 * without fetching, until a retry with backoff succeeds. Any other failure stops the loop without committing. Before
 * partitions go to another member the batch is written, or given back by rewinding to its first offsets.
 */
final class EdgeSinkLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EdgeSinkLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    private static final Duration STOP_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EdgeDecoder decoder;
    private final GraphStore store;
    private final DeadLetters deadLetters;
    private final SinkMetrics metrics;
    private final PendingBatch batch;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile RuntimeException failure;
    /** Loop-thread state: a write failed and the partitions are paused until {@link #retryAtNanos}. */
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    private boolean retrying;
    private long retryAtNanos;

    EdgeSinkLoop(Consumer<byte[], byte[]> consumer, String topic, EdgeDecoder decoder, GraphStore store,
                 DeadLetters deadLetters, SinkMetrics metrics, PendingBatch batch, Backoff backoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.batch = batch;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up: fall through to the final flush
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            failure = e;
            log.atWarn().log("graph sink interrupted; records since the last commit will be consumed again");
        } catch (RuntimeException e) {
            failure = e;
            log.atError().setCause(e).addKeyValue("error", e.getMessage())
                    .log("graph sink stopped on a non-retriable error; records since the last commit will be"
                            + " consumed again after a restart");
        } finally {
            if (failure == null) {
                flushBeforeStop();
            }
            clearBatch();
            closeConsumer();
            assigned = false;
            stopped.countDown();
        }
    }

    /** Asks the loop to write and commit what it holds and stop; safe from any thread. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while the loop runs and the group has given it its partitions. */
    boolean isAssigned() {
        return assigned && failure == null && stopped.getCount() > 0;
    }

    private void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout())) {
            batch.add(record, System.nanoTime());
            metrics.pending(batch.size());
            if (batch.isFull() && !retrying) {
                tryFlush();
            }
        }
        boolean due = retrying ? System.nanoTime() >= retryAtNanos : batch.isDue(System.nanoTime());
        if (due) {
            tryFlush();
        }
        if (batch.isEmpty() && !retrying) {
            commitAdvancedPositions();
        }
    }

    /**
     * With nothing pending, everything polled is written, so the consumer's position is safe to commit. It can be
     * ahead of the last record written: transaction markers and skipped tombstones take offsets too, and without
     * this the group's committed offset would never reach the end of a transactional partition.
     */
    private void commitAdvancedPositions() {
        Map<TopicPartition, OffsetAndMetadata> advanced = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            if (position > committedPositions.getOrDefault(partition, -1L)) {
                advanced.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (!advanced.isEmpty()) {
            commit(advanced);
        }
    }

    private Duration pollTimeout() {
        long now = System.nanoTime();
        long wait = retrying ? Math.max(0, retryAtNanos - now) : batch.nanosUntilDue(now);
        return Duration.ofNanos(Math.min(wait, MAX_POLL_WAIT.toNanos()));
    }

    private void tryFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            boolean retriable = SinkErrors.isRetriable(e);
            metrics.error(stage(e), retriable);
            if (!retriable) {
                throw e;
            }
            Duration delay = backoff.nextDelay();
            retryAtNanos = System.nanoTime() + delay.toNanos();
            if (!retrying) {
                retrying = true;
                consumer.pause(consumer.assignment());
                metrics.paused(true);
            }
            log.atWarn().addKeyValue("records", batch.size()).addKeyValue("attempt", backoff.failures())
                    .addKeyValue("retryInMs", delay.toMillis()).addKeyValue("error", e.getMessage())
                    .log("batch write failed; consumption paused until a retry succeeds");
            return;
        }
        if (retrying) {
            log.atInfo().addKeyValue("failedAttempts", backoff.failures()).log("batch written again; resuming consumption");
            retrying = false;
            backoff.reset();
            consumer.resume(consumer.paused());
            metrics.paused(false);
        }
    }

    /**
     * Decode, write, dead-letter, commit: the offsets move only once the store holds the batch's edges and the
     * dead-letter topic its bad records.
     */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        DecodedBatch decoded = decoder.decode(batch.records());
        long begin = System.nanoTime();
        store.upsertEdges(decoded.edges());
        long writeNanos = System.nanoTime() - begin;
        deadLetters.sendAndAwait(decoded.skipped().stream().filter(skipped -> skipped.reason().isBadRecord())
                .toList());
        commit(batch.offsetsToCommit());
        metrics.written(batch.size(), decoded.edges().size(), writeNanos);
        decoded.skipped().forEach(this::reportSkipped);
        clearBatch();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            commitOnce(offsets);
        } catch (WakeupException e) {
            // stop() landed during the commit; the wakeup is spent, so the commit can complete
            commitOnce(offsets);
        }
    }

    private void commitOnce(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committedPositions.put(partition, offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException | TimeoutException e) {
            // The edges are written. Whoever consumes these partitions next reads them again from the last commit
            // and rewrites the same absolute values, in order: harmless.
            metrics.error("commit", true);
            log.atWarn().addKeyValue("error", e.getMessage())
                    .log("offset commit failed after a successful write; the records will be written again");
        }
    }

    private void reportSkipped(SkippedRecord skipped) {
        metrics.skipped(skipped.reason());
        log.atWarn().addKeyValue("topic", skipped.partition().topic())
                .addKeyValue("partition", skipped.partition().partition()).addKeyValue("offset", skipped.offset())
                .addKeyValue("reason", skipped.reason().tag()).addKeyValue("detail", skipped.detail())
                .addKeyValue("deadLettered", skipped.reason().isBadRecord()).log("record skipped");
    }

    private void flushBeforeStop() {
        long deadline = System.nanoTime() + STOP_FLUSH_TIMEOUT.toNanos();
        while (!batch.isEmpty()) {
            try {
                flush();
                return;
            } catch (RuntimeException e) {
                long waitNanos = Math.min(backoff.nextDelay().toNanos(), deadline - System.nanoTime());
                if (!SinkErrors.isRetriable(e) || waitNanos <= 0) {
                    log.atWarn().addKeyValue("records", batch.size()).addKeyValue("error", e.getMessage())
                            .log("could not write the last batch before stopping; it will be consumed again");
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("consumer did not close cleanly");
        }
    }

    /** Rewinds the partitions this member keeps to the batch's first offsets, then forgets the batch. */
    private void giveBack(Collection<TopicPartition> leaving) {
        batch.firstOffsets().forEach((partition, offset) -> {
            if (!leaving.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        clearBatch();
    }

    private void clearBatch() {
        batch.clear();
        metrics.pending(0);
    }

    private static String stage(RuntimeException e) {
        if (e instanceof GraphStoreException) {
            return "store";
        }
        if (e instanceof DeadLetters.DeadLetterException) {
            return "dlq";
        }
        return e instanceof SchemaRegistryException ? "decode" : "sink";
    }

    /** Runs inside {@code poll()} and {@code close()} on the loop thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (retrying) {
                consumer.pause(partitions);
            }
            log.atInfo().addKeyValue("partitions", partitions.toString()).log("partitions assigned");
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (batch.isEmpty()) {
                return;
            }
            if (failure == null) {
                // one attempt: the group waits for this member
                tryFlush();
            }
            if (!batch.isEmpty()) {
                giveBack(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member may own them already: committing would fail and writing could reorder its writes
            giveBack(partitions);
        }
    }
}
