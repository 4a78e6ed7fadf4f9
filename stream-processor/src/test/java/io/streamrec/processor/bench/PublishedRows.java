package io.streamrec.processor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.testkit.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the neighbour rows the processor published against the counts computed exactly from the training ratings:
 * which counts are wrong (lost or unpublished increments) and which are only stale (a neighbour's own count frozen
 * when the row was published). Reads the compacted topic to its end, latest row per item, and keeps the rows in
 * {@code target/published-rows.jsonl}.
 */
final class PublishedRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedRows() {
    }

    /** @param train in replay order; {@code window} the processor's cooccurrence-window */
    static List<String> compare(KafkaTestCluster kafka, String topic, List<MovieLens.Rating> train, int window)
            throws IOException {
        Map<String, Integer> occurrences = new HashMap<>();
        train.forEach(r -> occurrences.merge(r.itemId(), 1, Integer::sum));
        Map<String, Map<String, Integer>> pairs = new HashMap<>();
        WindowedPairs.forEach(train, window, (item, partner) ->
                pairs.computeIfAbsent(item, x -> new HashMap<>()).merge(partner, 1, Integer::sum));
        Map<String, JsonNode> rows = read(kafka, topic);
        // kept for offline analysis (scoring the live rows in batch), one row per line
        Files.write(Path.of("target", "published-rows.jsonl"), rows.values().stream().map(JsonNode::toString).toList());
        int wrongOwn = 0;
        long entries = 0;
        long wrongPair = 0;
        long staleNeighbour = 0;
        double staleShortfall = 0;
        for (Map.Entry<String, JsonNode> row : rows.entrySet()) {
            String item = row.getKey();
            if (row.getValue().get("occurrences").asLong() != occurrences.getOrDefault(item, 0)) {
                wrongOwn++;
            }
            for (JsonNode neighbour : row.getValue().get("neighbours")) {
                String other = neighbour.get("itemId").asText();
                entries++;
                if (neighbour.get("cooccurrences").asLong() != pairs.getOrDefault(item, Map.of()).getOrDefault(other, 0)) {
                    wrongPair++;
                }
                long exact = occurrences.getOrDefault(other, 0);
                if (neighbour.get("occurrences").asLong() != exact) {
                    staleNeighbour++;
                    staleShortfall += 1 - neighbour.get("occurrences").asDouble() / exact;
                }
            }
        }
        long withPartners = pairs.size();
        return List.of(
                String.format(Locale.ROOT, "published rows: %d (items with a co-occurrence: %d); own count wrong in"
                        + " %d rows", rows.size(), withPartners, wrongOwn),
                String.format(Locale.ROOT, "neighbour entries: %d; pair count wrong in %d; neighbour's count stale"
                                + " in %d (%.1f%%, %.1f%% below the final count on average)", entries, wrongPair,
                        staleNeighbour, 100.0 * staleNeighbour / Math.max(1, entries),
                        100 * staleShortfall / Math.max(1, staleNeighbour)));
    }

    private static Map<String, JsonNode> read(KafkaTestCluster kafka, String topic) throws IOException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, JsonNode> rows = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        rows.remove(record.key());
                    } else {
                        rows.put(record.key(), JSON.readTree(record.value()));
                    }
                }
            }
        }
        return rows;
    }
}
