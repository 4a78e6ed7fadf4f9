package io.streamrec.common.kafka;

import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Client configurations with Streamrec's defaults: producers never lose an acknowledged write, consumers commit
 * explicitly and only see committed transactional data.
 */
public final class KafkaClientConfigs {
    private KafkaClientConfigs() {
    }

    public static Map<String, Object> common(KafkaSettings settings, String clientId) {
        Map<String, Object> config = new HashMap<>();
        settings.clientPropertiesFile().ifPresent(file -> loadInto(file, config));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** acks=all with idempotence: an acknowledged record is on every in-sync replica, exactly once. */
    public static Map<String, Object> producer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = common(settings, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    public static Map<String, Object> consumer(KafkaSettings settings, String clientId, String groupId) {
        Map<String, Object> config = common(settings, clientId);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    public static Properties properties(Map<String, Object> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private static void loadInto(Path file, Map<String, Object> config) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StartupException("cannot read Kafka client properties " + file + ": " + e.getMessage(), e);
        }
        properties.forEach((key, value) -> config.put((String) key, value));
    }
}
