package io.streamrec.push;

import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.kafka.KafkaClientConfigs;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every partition of the compacted {@code recommendations} topic from the beginning, without a consumer
 * group: each instance holds every user's latest recommendations, so any instance can serve any user. The replay at
 * start is bounded by the number of users, because compaction keeps about one record per user. Offsets are not
 * committed: every start replays.
 *
 * <p>The sequence number of an update is its record's offset. A user's records share a partition, so the number
 * grows with every update of that user, and it is the same on every instance and after a restart.
 */
final class RecommendationsConsumer {
    private static final Logger log = LoggerFactory.getLogger(RecommendationsConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REGISTRY_RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, Recommendations> consumer;
    private final LatestSnapshots snapshots;
    private final Consumer<FeedUpdate> publisher;
    private final PushMetrics metrics;
    private final Thread thread;
    private final String topic = Topics.RECOMMENDATIONS.name();
    private volatile boolean started;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile boolean failed;
    private Map<TopicPartition, Long> endOffsetsAtStart = Map.of();
    private long startedNanos;

    RecommendationsConsumer(KafkaSettings kafka, SchemaRegistryClient registry, LatestSnapshots snapshots,
                            Consumer<FeedUpdate> publisher, PushMetrics metrics) {
        Map<String, Object> config = KafkaClientConfigs.consumer(kafka, "streamrec-push", null);
        // never let a consumer create the topic with broker defaults: a missing topic is a deployment error
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerde.forValues(registry, Recommendations.class));
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "push-recommendations-consumer");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition, rewinds and starts consuming; fails with a clear message if the topic is missing. */
    void start() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            throw new StartupException("topic " + topic + " does not exist: create the Streamrec topics first"
                    + " (./streamrec demo does; in production, with your topic tooling)");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        endOffsetsAtStart = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        startedNanos = System.nanoTime();
        running = true;
        started = true;
        thread.start();
    }

    /** True once everything that was in the topic at start has been read, so every snapshot is current. */
    boolean caughtUp() {
        return caughtUp && !failed;
    }

    private void run() {
        try {
            while (running) {
                pollOnce();
                if (!caughtUp) {
                    checkCaughtUp();
                }
            }
        } catch (WakeupException e) {
            // close() asked the poll to return
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            log.atError().setCause(e).log("recommendations consumer stopped; the feed no longer updates");
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() throws InterruptedException {
        ConsumerRecords<String, Recommendations> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (RecordDeserializationException e) {
            handleUndecodable(e);
            return;
        }
        // within a batch only the newest record of a user matters: each one is the user's complete state
        Map<String, ConsumerRecord<String, Recommendations>> newestByUser = new LinkedHashMap<>();
        for (ConsumerRecord<String, Recommendations> record : records) {
            if (record.key() == null) {
                skip(record, "no-key");
            } else {
                newestByUser.put(record.key(), record);
            }
        }
        newestByUser.values().forEach(this::apply);
    }

    private void apply(ConsumerRecord<String, Recommendations> record) {
        String userId = record.key();
        Recommendations recommendations = record.value();
        if (recommendations == null) {
            snapshots.remove(userId);
            return;
        }
        if (!userId.equals(recommendations.getUserId())) {
            // routing uses the key; a payload naming someone else must never reach this user's sockets
            skip(record, "key-mismatch");
            return;
        }
        FeedUpdate update = new FeedUpdate(userId, record.offset(), FeedMessages.recommendations(record.offset(), recommendations));
        snapshots.put(update);
        publisher.accept(update);
    }

    private void handleUndecodable(RecordDeserializationException e) throws InterruptedException {
        if (e.getCause() instanceof SchemaRegistryException registryError && isTransient(registryError)) {
            // the record is fine, the registry is not reachable: retry it rather than lose the update
            log.atWarn().addKeyValue("error", registryError.getMessage()).log("cannot resolve a writer schema; retrying");
            Thread.sleep(REGISTRY_RETRY_BACKOFF.toMillis());
            return;
        }
        metrics.recordSkipped("undecodable");
        log.atWarn().addKeyValue("partition", e.topicPartition()).addKeyValue("offset", e.offset())
                .addKeyValue("error", String.valueOf(e.getCause())).log("skipping an undecodable recommendations record");
        consumer.seek(e.topicPartition(), e.offset() + 1);
    }

    private static boolean isTransient(SchemaRegistryException e) {
        return e.errorCode() == 0 || e.errorCode() >= 50000;
    }

    private void skip(ConsumerRecord<String, Recommendations> record, String reason) {
        metrics.recordSkipped(reason);
        log.atWarn().addKeyValue("partition", record.partition()).addKeyValue("offset", record.offset())
                .addKeyValue("reason", reason).log("skipping a recommendations record");
    }

    private void checkCaughtUp() {
        for (Map.Entry<TopicPartition, Long> end : endOffsetsAtStart.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        caughtUp = true;
        log.atInfo().addKeyValue("users", snapshots.size())
                .addKeyValue("ms", (System.nanoTime() - startedNanos) / 1_000_000)
                .log("recommendations replayed; the feed is current");
    }

    void stop() throws InterruptedException {
        if (!started) {
            consumer.close();
            return;
        }
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(STOP_TIMEOUT.toMillis());
        }
    }
}
