package io.streamrec.cli.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The floor any Kafka pipeline pays on this broker: an acks=all idempotent produce read back by a read_committed
 * consumer. Measured in the same run as the pipeline, so that the ratio is between like conditions.
 */
final class KafkaBaselines {
    private static final int PARTITIONS = 6;
    private final String bootstrap;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    KafkaBaselines(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** One record at a time: produce, wait until the consumer sees it, repeat. */
    Histogram sequentialRoundTrip(int warmup, int measured) throws Exception {
        String topic = newTopic();
        Histogram histogram = new Histogram(3);
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = consumer(topic)) {
            for (int i = 0; i < warmup + measured; i++) {
                String id = Integer.toString(i);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, id)).get();
                awaitValue(consumer, id);
                if (i >= warmup) {
                    histogram.recordValue((System.nanoTime() - sent) / 1000);
                }
            }
        }
        return histogram;
    }

    /** Open loop at {@code perSecond} for {@code duration}: produce time (in the value) -> consumed, per record. */
    Histogram paced(int perSecond, Duration duration) throws Exception {
        String topic = newTopic();
        ConcurrentHistogram histogram = new ConcurrentHistogram(3);
        long total = perSecond * duration.toSeconds();
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = consumer(topic)) {
            Thread reader = new Thread(() -> {
                long seen = 0;
                long deadline = System.nanoTime() + duration.plusSeconds(30).toNanos();
                while (seen < total && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        histogram.recordValue((System.nanoTime() - Long.parseLong(record.value())) / 1000);
                        seen++;
                    }
                }
            }, "baseline-reader");
            reader.start();
            Pacer pacer = new Pacer(perSecond);
            for (long i = 0; i < total; i++) {
                pacer.awaitSlot(i);
                producer.send(new ProducerRecord<>(topic, "k" + (i % 10_000), Long.toString(System.nanoTime())));
            }
            producer.flush();
            reader.join();
        }
        return histogram;
    }

    private String newTopic() throws Exception {
        String topic = "bench-baseline-" + TOPICS.incrementAndGet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        return topic;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    /** Assigned every partition at its end, so nothing waits for a group rebalance. */
    private KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void awaitValue(KafkaConsumer<String, String> consumer, String value) {
        while (true) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (value.equals(record.value())) {
                    return;
                }
            }
        }
    }

    /** Spaces sends evenly: item i is due at start + i / rate, however late the previous one was (open loop). */
    static final class Pacer {
        private final long start = System.nanoTime();
        private final double nanosPerItem;

        Pacer(double perSecond) {
            nanosPerItem = 1e9 / perSecond;
        }

        void awaitSlot(long item) {
            long due = start + (long) (item * nanosPerItem);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
