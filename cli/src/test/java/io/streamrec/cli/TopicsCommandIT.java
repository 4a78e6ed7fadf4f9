package io.streamrec.cli;

import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.WithKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka
class TopicsCommandIT {

    @Test
    void createsTheDeclaredTopicsAndDescribesDifferences(KafkaTestCluster kafka, @TempDir Path dir) throws Exception {
        Path config = CommandRun.configFile(dir, kafka.config());
        kafka.createTopics(TopicSpec.compacted("recommendations", 2));

        CommandRun create = CommandRun.run(config, "topics", "create");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("interactions             created").contains("recommendations          exists");

        CommandRun describe = CommandRun.run(config, "topics", "describe");
        assertThat(describe.exitCode()).isEqualTo(TopicsCommand.EXIT_DIFFERS);
        assertThat(describe.out())
                .containsPattern("interactions +6 +1 +delete +7776000000 +ok")
                .contains("DIFFERS: partitions 2, declared 6");
    }
}
