package io.streamrec.cli;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

@WithEtcd
@WithKafka
class ServiceRegistryIT {
    private static final long TTL_SECONDS = 3;

    @Test
    void aKilledInstanceDisappearsWithinItsLeaseTtl(EtcdTestServer etcd) throws Exception {
        ByteSequence key = bytes(ServiceRegistration.PREFIX + "victim/child");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RegisteredProcessMain.class.getName(),
                etcd.endpoint(), Long.toString(TTL_SECONDS)).inheritIO().start();
        try {
            Poll.untilTrue(Duration.ofSeconds(20), () -> exists(etcd.client(), key), "the child registered");

            child.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            Poll.untilTrue(Duration.ofSeconds(TTL_SECONDS + 5), () -> !exists(etcd.client(), key), "the key expired");

            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(TTL_SECONDS + 2));
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
        try {
            Poll.untilTrue(Duration.ofSeconds(10), () -> exists(etcd.client(), bytes(down.key())), "registered");

            CommandRun status = CommandRun.run(config, "status");

            assertThat(status.exitCode()).as(status.err()).isEqualTo(StatusCommand.EXIT_NOT_READY);
            assertThat(status.out()).containsPattern("gateway +a +" + ready.url() + " .* UP")
                    .containsPattern("push +b +http://127.0.0.1:1 .* DOWN")
                    .contains("CONSUMER GROUP");

            down.close();
            assertThat(exists(etcd.client(), bytes(down.key()))).as("a clean stop revokes the lease").isFalse();
            assertThat(CommandRun.run(config, "status").exitCode()).isZero();
        } finally {
            up.close();
            down.close();
            ready.close();
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
