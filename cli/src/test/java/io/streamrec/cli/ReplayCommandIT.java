package io.streamrec.cli;

import com.arcadedb.engine.WALFile;
import io.streamrec.cli.replay.GroupReplay;
import io.streamrec.cli.replay.Position;
import io.streamrec.cli.replay.ReplayPlan;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithSchemaRegistry
@WithEtcd
class ReplayCommandIT {
    private static final int EDGES = 50;

    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void produce(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        Map<String, String> settings = new HashMap<>(kafka.config());
        settings.putAll(registry.config());
        settings.putAll(etcd.config());
        settings.put("streamrec.sink.arcadedb-path", dir.resolve("graph").toString());
        settings.put("streamrec.processor.state-dir", dir.resolve("state").toString());
        config = CommandRun.configFile(dir, settings);
        // transactional, as the processor writes them: each partition then ends with a commit marker
        try (KafkaProducer<UserItemKey, UserItemEdge> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "transactional.id", "replay-it"),
                AvroSerde.forKeys(registry.client(), UserItemKey.class),
                AvroSerde.forValues(registry.client(), UserItemEdge.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < EDGES; i++) {
                producer.send(new ProducerRecord<>(Topics.USER_ITEM_EDGES.name(), new UserItemKey("u" + i, "i" + i % 7),
                        new UserItemEdge("u" + i, "i" + i % 7, Map.of("view", 2L), 2.0, Instant.EPOCH, Instant.EPOCH,
                                Map.of(), Map.of())));
            }
            producer.commitTransaction();
        }
        AvroSerde<Interaction> interactions = AvroSerde.forValues(registry.client(), Interaction.class);
        for (int i = 0; i < 5; i++) {
            kafka.send(Topics.INTERACTIONS.name(), new StringSerializer(), interactions, "r" + i,
                    new Interaction("e" + i, "r" + i, "i1", InteractionType.view, Instant.now(), null, null, Map.of()));
        }
    }

    @Test
    void rebuildsTheGraphFromTheEdgesTopic() {
        CommandRun dry = CommandRun.run(config, "replay", "--from", "earliest", "--target", "sink", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).containsPattern("replay sink: consumer group streamrec-graph-sink on user-item-edges, \\d+ offsets")
                .containsPattern("partition 0: committed \\S+, reset to offset 0, process to \\d+")
                .contains("dry run: nothing changed");

        CommandRun replay = CommandRun.run(config, "replay", "--from", "earliest", "--target", "sink");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).containsPattern("replayed \\d+ offsets into the graph sink");
        try (ArcadeDbGraphStore store = ArcadeDbGraphStore.open(dir.resolve("graph"), WALFile.FLUSH_TYPE.NO)) {
            assertThat(store.itemsOfUser("u8", 10)).singleElement()
                    .satisfies(edge -> assertThat(edge.itemId()).isEqualTo("i1"));
        }
    }

    @Test
    void refusesWhileTheTargetRuns(KafkaTestCluster kafka) {
        Map<String, Object> settings = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "streamrec-graph-sink");
        try (KafkaConsumer<String, String> running = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            running.subscribe(List.of(Topics.USER_ITEM_EDGES.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (running.assignment().isEmpty() && System.nanoTime() < deadline) {
                running.poll(Duration.ofMillis(100));
            }

            CommandRun replay = CommandRun.run(config, "replay", "--from", "earliest", "--target", "sink");

            assertThat(replay.exitCode()).isEqualTo(1);
            assertThat(replay.err()).contains("the graph sink is running").contains("stop it first");
        }
    }

    @Test
    void refusesWhileAnInstanceOfTheTargetIsRegisteredInEtcd(EtcdTestServer etcd) throws Exception {
        ServiceRegistration elsewhere = new ServiceRegistration(etcd.client(), "graph-sink", "host-b-4711",
                "http://127.0.0.1:1", "test", 10);
        elsewhere.start();
        try {
            Poll.untilTrue(Duration.ofSeconds(10), () -> etcd.client().getKVClient().get(bytes(elsewhere.key()))
                    .join().getCount() > 0, "the instance registered");

            CommandRun replay = CommandRun.run(config, "replay", "--from", "earliest", "--target", "sink");
            CommandRun dry = CommandRun.run(config, "replay", "--from", "earliest", "--target", "sink", "--dry-run");

            assertThat(replay.exitCode()).isEqualTo(1);
            assertThat(replay.err()).contains("the graph sink is running (registered in etcd under"
                    + " /streamrec/services/graph-sink/: host-b-4711)").contains("stop it first");
            assertThat(dry.exitCode()).isZero();
            assertThat(dry.out()).contains("note: a real run would refuse now: the graph sink is running");
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void givesUpWhenTheTargetRunningTheReplayIsNotReadyForTooLong(KafkaTestCluster kafka) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            GroupReplay replay = new GroupReplay(admin);
            ReplayPlan plan = replay.plan("sink", "never-commits", Topics.USER_ITEM_EDGES.name(), new Position.Earliest(),
                    new Position.Latest(), null, Optional.empty());
            assertThat(plan.offsets()).isPositive();
            long begin = System.nanoTime();

            assertThatThrownBy(() -> replay.awaitCommitted(plan, done -> { }, () -> false, Duration.ofSeconds(1)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("the sink has not been ready for 1 s")
                    .hasMessageContaining("(0 of " + plan.offsets() + " offsets committed)");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void refusesAnEndBeforeItsStartAndOffsetsAcrossTwoTopics() {
        CommandRun backwards = CommandRun.run(config, "replay", "--from", "latest", "--to", "earliest", "--target", "sink");
        CommandRun all = CommandRun.run(config, "replay", "--from", "3", "--target", "all");

        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("--to is before --from in user-item-edges partitions [");
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(all.err()).contains("--target all replays two topics");
    }

    @Test
    void rebuildsTheProcessorAndPlansToDeleteItsInternalTopics(KafkaTestCluster kafka, TestSchemaRegistry registry) {
        CommandRun replay = CommandRun.run(config, "replay", "--from", "earliest", "--target", "processor");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(kafka.consume(Topics.RECOMMENDATIONS.name(), new StringDeserializer(),
                AvroSerde.forValues(registry.client(), Recommendations.class), 5, Duration.ofSeconds(30)))
                .extracting(record -> record.key()).contains("r0", "r4");
        assertThat(CommandRun.run(config, "replay", "--from", "earliest", "--target", "processor", "--dry-run").out())
                .contains("delete internal topic streamrec-processor-").contains("-changelog")
                .contains("delete local state")
                .contains("note: instances on other hosts keep their own local state");
        assertThat(CommandRun.run(config, "replay", "--from", Instant.now().plusSeconds(3600).toString(),
                "--target", "processor", "--dry-run").out())
                .as("a reset to a later time loses the earlier state, and says so")
                .contains("note: the deleted state is rebuilt from --from on only");
    }

    @Test
    void explainsABadPosition() {
        CommandRun replay = CommandRun.run(config, "replay", "--from", "yesterday", "--target", "sink");

        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).contains("--from: expected earliest, latest, an offset or an ISO-8601 time");
    }
}
