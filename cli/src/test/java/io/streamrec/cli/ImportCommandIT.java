package io.streamrec.cli;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@WithSchemaRegistry
class ImportCommandIT {

    @Test
    void eventsPastTheTopicsRetentionAreRefusedUnlessImportTimeIsChosen(KafkaTestCluster kafka,
                                                                         TestSchemaRegistry registry,
                                                                         @TempDir Path dir) throws Exception {
        kafka.createStreamrecTopics();
        Path config = config(kafka, registry, dir);
        // MovieLens' 1997 ratings against interactions' 90-day retention
        Path ratings = Files.writeString(dir.resolve("u.data"), "1\t10\t5\t881250949\n2\t10\t3\t881250950\n"
                + "2\t11\tbad\t881250951\n3\t12\t4\t881250952\n");

        CommandRun refused = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("goes back to 1997-12-04", "keeps records for 90 days",
                "--timestamps import");

        long importStart = System.currentTimeMillis();
        CommandRun first = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens",
                "--timestamps", "import");
        CommandRun second = CommandRun.run(config, "import", ratings.toString(), "--format", "movielens",
                "--timestamps", "import");

        assertThat(first.exitCode()).isEqualTo(ImportCommand.EXIT_INVALID_LINES);
        assertThat(first.out()).contains("imported 3 events to interactions");
        assertThat(first.err()).contains("line 3: rating must be a number");
        List<ConsumerRecord<String, Interaction>> records = interactionsOf(kafka, registry, Set.of("1", "2", "3"));
        assertThat(records).hasSize(6).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(record.value().getUserId());
            assertThat(record.timestamp()).isGreaterThanOrEqualTo(importStart);
            assertThat(record.value().getEventTime()).isBefore(Instant.parse("1998-01-01T00:00:00Z"));
        });
        assertThat(records.stream().map(r -> r.value().getEventId()).distinct()).as("the re-run's ids are the same")
                .hasSize(3);
        assertThat(second.exitCode()).isEqualTo(first.exitCode());
    }

    @Test
    void recentEventsCarryTheirEventTimeAsTheRecordTimestamp(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                                             @TempDir Path dir) throws Exception {
        kafka.createStreamrecTopics();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Path events = Files.writeString(dir.resolve("events.csv"), "userId,itemId,type,eventTime\n"
                + "recent-user,i1,view," + yesterday + "\n");

        CommandRun run = CommandRun.run(config(kafka, registry, dir), "import", events.toString(), "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(interactionsOf(kafka, registry, Set.of("recent-user"))).singleElement().satisfies(record -> {
                    assertThat(record.timestamp()).isEqualTo(yesterday.toEpochMilli());
                    assertThat(record.value().getEventTime()).isEqualTo(yesterday);
                });
    }

    @Test
    void aMissingFileIsAUsageError(KafkaTestCluster kafka, @TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.run(CommandRun.configFile(dir, kafka.config()),
                "import", dir.resolve("nope.csv").toString(), "--format", "csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }

    private static Path config(KafkaTestCluster kafka, TestSchemaRegistry registry, Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(kafka.config());
        settings.putAll(registry.config());
        return CommandRun.configFile(dir, settings);
    }

    /** Every record of interactions (the other test's imports share the topic) whose key is one of these users. */
    private static List<ConsumerRecord<String, Interaction>> interactionsOf(KafkaTestCluster kafka,
                                                                           TestSchemaRegistry registry,
                                                                           Set<String> users) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = kafka.admin().describeTopics(Set.of(Topics.INTERACTIONS.name()))
                .allTopicNames().get().get(Topics.INTERACTIONS.name()).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.INTERACTIONS.name(), p.partition()),
                        p -> OffsetSpec.latest()));
        long total = kafka.admin().listOffsets(ends).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        return kafka.consume(Topics.INTERACTIONS.name(), new StringDeserializer(),
                        AvroSerde.forValues(registry.client(), Interaction.class), (int) total, Duration.ofSeconds(20))
                .stream().filter(record -> users.contains(record.key())).toList();
    }
}
