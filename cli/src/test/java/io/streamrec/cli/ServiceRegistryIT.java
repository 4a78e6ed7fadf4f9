package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;
import static org.assertj.core.api.Assertions.assertThat;

@WithEtcd
@WithKafka
class ServiceRegistryIT {
    /** What {@code ServiceRegistration.of} gives every service started by {@code streamrec <service>}. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aServiceKilledWithSigkillDisappearsWithinItsLeaseTtl(EtcdTestServer etcd, KafkaTestCluster kafka,
                                                              @TempDir Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(etcd.config());
        settings.putAll(kafka.config());
        settings.put("streamrec.registry-server.port", "0");
        Path config = CommandRun.configFile(dir, settings);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Streamrec.class.getName(), "registry", "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            String prefix = ServiceRegistration.PREFIX + "schema-registry/";
            KeyValue registered = Poll.until(Duration.ofSeconds(60), () -> first(etcd.client(), prefix), Objects::nonNull);
            JsonNode value = JSON.readTree(string(registered.getValue()));
            assertThat(string(registered.getKey())).as("the instance id is host-pid").endsWith("-" + child.pid());
            assertThat(value.path("url").asText()).matches("http://.+:\\d+");
            assertThat(value.path("version").asText()).isEqualTo(Streamrec.VERSION);
            assertThat(Instant.parse(value.path("startedAt").asText())).isBefore(Instant.now());
            assertThat(registered.getLease()).as("registered with a lease").isNotZero();

            assertThat(child.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
            child.waitFor();
            long killed = System.nanoTime();
            Poll.untilTrue(LEASE_TTL.plusSeconds(10), () -> first(etcd.client(), prefix) == null, "the key expired");

            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(LEASE_TTL.plusSeconds(2));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void statusShowsEachInstanceWithItsReadinessAndAStopRemovesItAtOnce(EtcdTestServer etcd, KafkaTestCluster kafka,
                                                                         @TempDir Path dir) throws Exception {
        HttpService ready = new HttpService("ready", "127.0.0.1", 0, exchange -> { }, new Readiness(), Metrics.prometheus("t"));
        ready.start();
        ServiceRegistration up = new ServiceRegistration(etcd.client(), "gateway", "a", ready.url(), "1", 10);
        ServiceRegistration down = new ServiceRegistration(etcd.client(), "push", "b", "http://127.0.0.1:1", "1", 10);
        up.start();
        down.start();
        Map<String, String> settings = new HashMap<>(etcd.config());
        settings.putAll(kafka.config());
        Path config = CommandRun.configFile(dir, settings);
        kafka.createTopics(new TopicSpec("lagged", 1, Map.of()));
        for (int i = 0; i < 7; i++) {
            kafka.send("lagged", new StringSerializer(), new StringSerializer(), "k" + i, "v" + i);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets("behind-by-five", Map.of(new TopicPartition("lagged", 0),
                    new OffsetAndMetadata(2))).all().get();
        }
        try {
            Poll.untilTrue(Duration.ofSeconds(10), () -> exists(etcd.client(), bytes(down.key())), "registered");

            CommandRun status = CommandRun.run(config, "status");

            assertThat(status.exitCode()).as(status.err()).isEqualTo(StatusCommand.EXIT_NOT_READY);
            assertThat(status.out()).containsPattern("gateway +a +" + ready.url() + " .* UP")
                    .containsPattern("push +b +http://127.0.0.1:1 .* DOWN")
                    .containsPattern("gateway +a +\\S+ +1 +\\d{4}-\\d\\d-\\d\\dT\\S+ +UP")
                    .contains("CONSUMER GROUP").containsPattern("behind-by-five +5\\b");

            down.close();
            assertThat(exists(etcd.client(), bytes(down.key()))).as("a clean stop revokes the lease").isFalse();
            assertThat(CommandRun.run(config, "status").exitCode()).isZero();
        } finally {
            up.close();
            down.close();
            ready.close();
        }
    }

    private static KeyValue first(Client client, String prefix) {
        try {
            List<KeyValue> kvs = client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()).get().getKvs();
            return kvs.isEmpty() ? null : kvs.get(0);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean exists(Client client, ByteSequence key) {
        try {
            return client.getKVClient().get(key).get().getCount() > 0;
        } catch (Exception e) {
            return false;
        }
    }
}
