package io.streamrec.processor.bench;

import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads the committed {@code recommendations} on a daemon thread and hands each record, with the time it arrived, to
 * the benchmark: how both benchmarks see what the processor published and when.
 */
final class RecommendationsTail implements AutoCloseable {
    /** One record and {@link System#nanoTime()} when the tail received it. */
    record Received(ConsumerRecord<String, Recommendations> record, long nanos) {
    }

    private final Thread thread;
    private final AtomicBoolean reading;

    private RecommendationsTail(Thread thread, AtomicBoolean reading) {
        this.thread = thread;
        this.reading = reading;
    }

    /** Starts reading from the beginning, or from the current end; returns once the reader has its positions. */
    static RecommendationsTail start(KafkaTestCluster kafka, TestSchemaRegistry registry, boolean fromEnd,
                                     Consumer<Received> onRecord) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        AtomicBoolean positioned = new AtomicBoolean();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, Recommendations> consumer = new KafkaConsumer<>(config,
                    new StringDeserializer(), AvroSerde.forValues(registry.client(), Recommendations.class))) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECOMMENDATIONS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                if (fromEnd) {
                    consumer.seekToEnd(partitions);
                } else {
                    consumer.seekToBeginning(partitions);
                }
                partitions.forEach(consumer::position);
                positioned.set(true);
                while (reading.get()) {
                    for (ConsumerRecord<String, Recommendations> record : consumer.poll(Duration.ofMillis(20))) {
                        onRecord.accept(new Received(record, System.nanoTime()));
                    }
                }
            }
        }, "recommendations-reader");
        thread.setDaemon(true);
        thread.start();
        Poll.untilTrue(Duration.ofSeconds(30), positioned::get, "the recommendations reader to be positioned");
        return new RecommendationsTail(thread, reading);
    }

    @Override
    public void close() throws InterruptedException {
        reading.set(false);
        thread.join(10_000);
    }
}
