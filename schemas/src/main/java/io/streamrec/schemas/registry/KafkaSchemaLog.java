package io.streamrec.schemas.registry;

import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.kafka.KafkaClientConfigs;
import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@code _schemas} topic: reads it from the beginning, then keeps tailing it on one thread and hands every entry,
 * in order, to the applier; appends entries with an idempotent, acks=all producer. Writers wait until the tail has
 * passed their record ({@link #awaitApplied}), so the store changes only from the topic, and every instance reading
 * the topic converges to the same state.
 */
final class KafkaSchemaLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.SCHEMAS.name(), 0);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<SchemaLogEntry> applier;
    private final Thread tailer;
    private final Duration writeTimeout;
    private final Object progress = new Object();
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    /** Offset of the next record to apply; guarded by {@link #progress}. */
    private long nextOffset;
    /** Where the topic ended at start; guarded by {@link #progress}. */
    private long initialEndOffset = Long.MAX_VALUE;

    KafkaSchemaLog(KafkaSettings settings, Duration writeTimeout, Consumer<SchemaLogEntry> applier) {
        this.writeTimeout = writeTimeout;
        String instance = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> producerConfig = KafkaClientConfigs.producer(settings, "streamrec-registry-" + instance);
        // a registration waits at most the write timeout, including for metadata when the broker is away
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, writeTimeout.toMillis());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        // no consumer group: every instance reads the whole partition and commits nothing
        Map<String, Object> consumerConfig = KafkaClientConfigs.consumer(settings, "streamrec-registry-tail-" + instance, null);
        consumerConfig.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.startupTimeoutMs());
        this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.applier = applier;
        this.tailer = new Thread(this::tail, "streamrec-registry-tail");
        this.tailer.setDaemon(true);
    }

    /** Starts reading from the beginning; {@link #awaitCaughtUp} tells when the state is complete. */
    void start() {
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
        long endOffset = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        synchronized (progress) {
            initialEndOffset = endOffset;
        }
        tailer.start();
    }

    /** Whether every record that existed at start has been applied. */
    boolean caughtUp() {
        synchronized (progress) {
            return nextOffset >= initialEndOffset;
        }
    }

    /** Whether the tail is running and its last poll succeeded. */
    boolean healthy() {
        return healthy && tailer.isAlive();
    }

    /** Waits until {@link #caughtUp()}; false on timeout. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long target;
        synchronized (progress) {
            target = initialEndOffset;
        }
        return awaitOffset(target, timeout);
    }

    /**
     * Writes the entry and returns its offset once Kafka has acknowledged it.
     *
     * @throws RegistryException 50002 on timeout, 50001 when Kafka refuses the write
     */
    long append(SchemaLogEntry entry, Duration timeout) throws InterruptedException {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(PARTITION.topic(), PARTITION.partition(),
                SchemaLogCodec.key(entry), SchemaLogCodec.value(entry));
        try {
            return producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (TimeoutException e) {
            throw writeTimedOut(timeout);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw writeTimedOut(timeout);
            }
            log.atError().setCause(cause).log("cannot write to the schemas topic");
            throw RegistryException.storeError("Cannot write to the " + PARTITION.topic() + " topic: " + cause.getMessage());
        }
    }

    private static RegistryException writeTimedOut(Duration timeout) {
        log.atWarn().addKeyValue("timeoutMs", timeout.toMillis()).log("timed out writing to the schemas topic");
        return RegistryException.storeTimeout("Timed out after " + timeout.toMillis() + " ms writing to the "
                + PARTITION.topic() + " topic; is Kafka available?");
    }

    /**
     * Waits until the record at {@code offset} has been applied.
     *
     * @throws RegistryException 50002 on timeout
     */
    void awaitApplied(long offset, Duration timeout) throws InterruptedException {
        if (!awaitOffset(offset + 1, timeout)) {
            throw RegistryException.storeTimeout("Timed out after " + timeout.toMillis() + " ms waiting to read back offset "
                    + offset + " of the " + PARTITION.topic() + " topic.");
        }
    }

    private boolean awaitOffset(long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (nextOffset < target) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    return false;
                }
                progress.wait(remainingMs);
            }
            return true;
        }
    }

    private void tail() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (RuntimeException e) {
            // a bug, not a broker problem: stop tailing, which turns readiness DOWN, rather than skip state silently
            log.atError().setCause(e).log("stopped tailing the schemas topic");
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                applyRecord(record);
            }
            markApplied(consumer.position(PARTITION));
            healthy = true;
        } catch (WakeupException e) {
            // close() woke us up; the loop condition ends the thread
        } catch (KafkaException e) {
            healthy = false;
            log.atWarn().setCause(e).log("cannot read the schemas topic; retrying");
            pause();
        }
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
        try {
            SchemaLogCodec.decode(record.key(), record.value()).ifPresent(applier);
        } catch (IllegalArgumentException e) {
            // one unreadable record must not stop the registry: the others are still valid schemas
            log.atWarn().addKeyValue("offset", record.offset()).addKeyValue("reason", e.getMessage())
                    .log("skipping an unreadable record of the schemas topic");
        }
    }

    private void markApplied(long position) {
        synchronized (progress) {
            nextOffset = position;
            progress.notifyAll();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops tailing and closes both clients; the producer first tries, for one write timeout, to send what it holds. */
    @Override
    public void close() {
        running = false;
        if (tailer.isAlive()) {
            consumer.wakeup();
            try {
                tailer.join();
            } catch (InterruptedException e) {
                // the tailer still ends after its current poll and closes the consumer itself
                Thread.currentThread().interrupt();
            }
        } else if (tailer.getState() == Thread.State.NEW) {
            consumer.close();
        }
        // bounded: with the broker gone, a write whose client already got a timeout must not hold up the shutdown
        producer.close(writeTimeout);
    }
}
