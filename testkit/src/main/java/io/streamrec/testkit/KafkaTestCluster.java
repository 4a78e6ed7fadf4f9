package io.streamrec.testkit;

import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.schemas.Topics;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft broker (combined broker and controller) running in the test JVM, injected by
 * {@link WithKafka}. Clients connect to {@link #bootstrapServers()}; services take {@link #config()}.
 */
public final class KafkaTestCluster implements AutoCloseable {
    /**
     * Internal topics default to replication factor 3 and min.isr 2; on one broker their creation fails and
     * consumer groups and exactly_once_v2 Streams wait forever without an error. One partition each keeps the first
     * group and transaction fast.
     */
    private static final Map<String, String> SINGLE_BROKER_SETTINGS = Map.ofEntries(
            Map.entry("default.replication.factor", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"));
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit kit;
    private final Path directory;
    private final String bootstrapServers;
    private Admin admin;
    private boolean closed;

    private KafkaTestCluster(KafkaClusterTestKit kit, Path directory) {
        this.kit = kit;
        this.directory = directory;
        this.bootstrapServers = kit.bootstrapServers();
    }

    static KafkaTestCluster start(Path directory) throws Exception {
        TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(directory)
                // the kit defaults to the latest *testing* version, with unreleased features
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build());
        SINGLE_BROKER_SETTINGS.forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception | Error e) {
            kit.close();
            TestDirectories.deleteRecursively(directory);
            throw e;
        }
        return new KafkaTestCluster(kit, directory);
    }

    /** {@code host:port} of the broker's client listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Config overrides pointing a service at this broker: {@code streamrec.kafka.bootstrap-servers}. */
    public Map<String, String> config() {
        return Map.of("streamrec.kafka.bootstrap-servers", bootstrapServers);
    }

    /** Creates the topics that do not exist yet, with the broker's replication factor (1). */
    public void createTopics(TopicSpec... topics) {
        createTopics(Arrays.asList(topics));
    }

    public void createTopics(Collection<TopicSpec> topics) {
        KafkaAdmin.ensureTopics(admin(), topics);
    }

    /** Creates every topic of {@code io.streamrec.schemas.Topics.all()}, as the CLI does before services start. */
    public void createStreamrecTopics() {
        createTopics(Topics.all());
    }

    /** An admin client owned by this cluster and closed with it; do not close it yourself. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis()));
        }
        return admin;
    }

    /** An idempotent {@code acks=all} producer; the caller closes it. */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        return new KafkaProducer<>(config, keys, values);
    }

    /** Writes one record and waits for the broker's acknowledgement. */
    public <K, V> RecordMetadata send(String topic, Serializer<K> keys, Serializer<V> values, K key, V value) {
        try (KafkaProducer<K, V> producer = producer(keys, values)) {
            return producer.send(new ProducerRecord<>(topic, key, value))
                    .get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot write to " + topic + ": " + e, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition, seeing only committed transactional records, until
     * at least {@code count} records arrived; fails with the records seen so far when the timeout passes first.
     * Uses no consumer group, so it neither commits offsets nor disturbs the groups under test.
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, Deserializer<K> keys, Deserializer<V> values,
                                                     int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("expected at least " + count + " records in " + topic + " within " + timeout
                    + " but got " + records.size() + ": " + records.stream().map(r -> r.key() + "=" + r.value()).toList());
        }
        return records;
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> partitions = Poll.until(timeout,
                () -> consumer.partitionsFor(topic, Duration.ofSeconds(1)), found -> !found.isEmpty());
        return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    @Override
    public synchronized void close() {
        // the test kit fails when closed twice
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Kafka broker cleanly: " + e, e);
        } finally {
            TestDirectories.deleteRecursively(directory);
        }
    }
}
