package io.streamrec.testkit;

import io.streamrec.common.etcd.WatchedPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link WatchedPrefix} while etcd is down; each test stops and restarts the class's server. */
@WithEtcd
class WatchedPrefixOutageIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final EtcdTestServer etcd;

    WatchedPrefixOutageIT(EtcdTestServer etcd) {
        this.etcd = etcd;
    }

    @AfterEach
    void etcdIsBack() {
        etcd.restart();
    }

    @Test
    void opensOnAStoppedServerAndLoadsOnceItIsBack() throws Exception {
        etcd.client().getKVClient().put(bytes("outage/k"), bytes("1")).get(5, TimeUnit.SECONDS);
        etcd.stop();

        try (WatchedPrefix<Integer> view =
                     WatchedPrefix.open(etcd.client(), "outage/", (key, value) -> Integer.parseInt(value))) {
            assertThat(view.awaitLoaded(Duration.ofSeconds(2))).isFalse();
            assertThat(view.snapshot().entries()).isEmpty();
            assertThat(view.snapshot().revision()).isZero();

            etcd.restart();

            assertThat(view.awaitLoaded(DEADLINE)).isTrue();
            assertThat(view.snapshot().entries().get("k").value()).isEqualTo(1);
        }
    }

    @Test
    void keepsItsValuesDuringAnOutageAndSeesChangesAfterIt() throws Exception {
        etcd.client().getKVClient().put(bytes("restart/k"), bytes("1")).get(5, TimeUnit.SECONDS);
        try (WatchedPrefix<Integer> view =
                     WatchedPrefix.open(etcd.client(), "restart/", (key, value) -> Integer.parseInt(value))) {
            assertThat(view.awaitLoaded(DEADLINE)).isTrue();

            etcd.stop();
            assertThat(view.snapshot().entries().get("k").value()).isEqualTo(1);
            etcd.restart();

            long revision = etcd.client().getKVClient().put(bytes("restart/k"), bytes("2"))
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS).getHeader().getRevision();
            Poll.until(DEADLINE, view::snapshot, s -> s.revision() >= revision);
            assertThat(view.snapshot().entries().get("k").value()).isEqualTo(2);
        }
    }

    @Test
    void closesPromptlyWhileTheServerIsDown() throws Exception {
        etcd.stop();
        WatchedPrefix<Integer> view =
                WatchedPrefix.open(etcd.client(), "closing/", (key, value) -> Integer.parseInt(value));
        assertThat(view.awaitLoaded(Duration.ofSeconds(1))).isFalse();

        long start = System.nanoTime();
        view.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
