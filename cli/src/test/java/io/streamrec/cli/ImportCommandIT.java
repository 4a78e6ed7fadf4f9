package io.streamrec.cli;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithSchemaRegistry
class ImportCommandIT {

    @Test
    void importsWithEventTimeTimestampsAndTheSameIdsOnAReRun(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                                             @TempDir Path dir) throws Exception {
        kafka.createStreamrecTopics();
        Map<String, String> settings = new HashMap<>(kafka.config());
        settings.putAll(registry.config());
        Path config = CommandRun.configFile(dir, settings);
        Path ratings = Files.writeString(dir.resolve("u.data"), "1\t10\t5\t881250949\n2\t10\t3\t881250950\n"
                + "2\t11\tbad\t881250951\n3\t12\t4\t881250952\n");

        long importStart = System.currentTimeMillis();
        CommandRun first = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens");
        CommandRun second = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens");

        assertThat(first.exitCode()).isEqualTo(ImportCommand.EXIT_INVALID_LINES);
        assertThat(first.out()).contains("imported 3 events to interactions");
        assertThat(first.err()).contains("line 3: rating must be a number");
        List<ConsumerRecord<String, Interaction>> records = kafka.consume(Topics.INTERACTIONS.name(),
                new StringDeserializer(), AvroSerde.forValues(registry.client(), Interaction.class), 6, Duration.ofSeconds(20));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(record.value().getUserId());
            // 1997 as the record timestamp would put the events past the topic's time retention at once
            assertThat(record.timestamp()).isGreaterThanOrEqualTo(importStart);
            assertThat(record.value().getEventTime().toEpochMilli()).isLessThan(900_000_000_000L);
        });
        assertThat(records.stream().map(r -> r.value().getEventId()).distinct()).hasSize(3);
        assertThat(second.exitCode()).isEqualTo(first.exitCode());
    }

    @Test
    void aMissingFileIsAUsageError(KafkaTestCluster kafka, @TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.run(CommandRun.configFile(dir, kafka.config()),
                "import", dir.resolve("nope.csv").toString(), "--format", "csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }
}
