package io.streamrec.sink;

import com.arcadedb.engine.WALFile;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a sink process in the middle of its work, then a restart on the same database: the store ends with the
 * exact aggregates, and the killed process left no lock behind.
 */
@WithSchemaRegistry
class SinkKillIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final EdgeTopic topic;

    SinkKillIT(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        this.topic = new EdgeTopic(kafka, registry);
    }

    @BeforeAll
    static void createTopics(KafkaTestCluster kafka) {
        kafka.createStreamrecTopics();
    }

    @Test
    void aSinkKilledMidBatchThenRestartedEndsWithTheExactCounts() throws Exception {
        topic.sendAggregates("kill", 200, 50, 30_000);
        Map<TopicPartition, Long> end = topic.endOffsets();
        long total = EdgeTopic.total(end);
        String group = "it-kill";
        Path directory = Path.of("target", "arcadedb-it", UUID.randomUUID().toString());
        Path path = directory.resolve("graph");
        Map<String, String> config = topic.sinkConfig(group, 500, 20);
        config.put("streamrec.sink.arcadedb-path", path.toString());
        // the restarted member waits for the killed one's session to expire: the broker's minimum instead of 45 s
        Path clientProperties = directory.resolve("client.properties");
        Files.createDirectories(directory);
        Files.writeString(clientProperties, "session.timeout.ms=6000\n");
        config.put("streamrec.kafka.client-properties-file", clientProperties.toString());

        Process child = startChild(config, directory.resolve("sink.log"));
        try {
            // killed while the group is part-way: batches are being written and committed
            long committedAtKill = Poll.until(TIMEOUT, () -> EdgeTopic.total(topic.committed(group)),
                    committed -> committed >= total / 10);
            assertThat(committedAtKill).as("still mid-stream when killed").isLessThan(total);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }

        // the OS released the dead process's file lock: the database opens (or this fails as "locked")
        ArcadeDbGraphStore store = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO);
        try (GraphSink restarted = new GraphSink(ConfigLoader.load(SinkConfig.class, Optional.empty(), config),
                store)) {
            restarted.start();
            Poll.until(TIMEOUT, () -> topic.committed(group), committed -> committed.equals(end));
        }
        try (ArcadeDbGraphStore reopened = ArcadeDbGraphStore.open(path, WALFile.FLUSH_TYPE.NO)) {
            topic.assertStoreHoldsTheLatestAggregates(reopened);
        }
    }

    private static Process startChild(Map<String, String> config, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SinkProcess.class.getName()));
        command.addAll(EdgeTopic.asArgs(config));
        File output = log.toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }
}
