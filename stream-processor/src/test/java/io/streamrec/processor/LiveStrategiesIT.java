package io.streamrec.processor;

import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.WithEtcd;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The strategy in force, live from a real etcd, through edits, bad edits, deletion and an outage. */
@WithEtcd
class LiveStrategiesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(5);

    private final EtcdTestServer etcd;

    LiveStrategiesIT(EtcdTestServer etcd) {
        this.etcd = etcd;
    }

    @Test
    void withoutAStoredStrategyTheBuiltInDefaultIsInForce() throws Exception {
        try (LiveStrategies live = LiveStrategies.open(etcd.client(), "absent", LOAD_TIMEOUT)) {
            assertThat(live.get()).isEqualTo(ActiveStrategy.builtIn());
            assertThat(live.get().version()).isZero();
        }
    }

    @Test
    void editsApplyWithTheirModRevisionAndABadEditKeepsTheLastGoodVersion() throws Exception {
        long first = put("edited", "{\"topN\": 3}");
        try (LiveStrategies live = LiveStrategies.open(etcd.client(), "edited", LOAD_TIMEOUT)) {
            assertThat(live.get().version()).as("loaded at open").isEqualTo(first);
            assertThat(live.get().strategy().topN()).isEqualTo(3);

            long second = put("edited", "{\"topN\": 4}");
            Poll.until(TIMEOUT, live::get, active -> active.version() == second);
            assertThat(live.get().strategy().topN()).isEqualTo(4);

            long bad = put("edited", "{\"topN\": 0}");
            Poll.until(TIMEOUT, live::etcdRevision, revision -> revision >= bad);
            assertThat(live.get().version()).isEqualTo(second);
            assertThat(live.get().strategy().topN()).isEqualTo(4);

            etcd.client().getKVClient().delete(bytes(Strategy.ETCD_PREFIX + "edited")).get(10, TimeUnit.SECONDS);
            Poll.until(TIMEOUT, live::get, ActiveStrategy::isBuiltIn);
        }
    }

    @Test
    void whenEtcdIsDownAtStartTheBuiltInDefaultServesUntilEtcdAnswers() throws Exception {
        long version = put("outage", "{\"topN\": 2}");
        etcd.stop();
        try (LiveStrategies live = LiveStrategies.open(etcd.client(), "outage", Duration.ofMillis(500))) {
            assertThat(live.get()).isEqualTo(ActiveStrategy.builtIn());

            etcd.restart();
            Poll.until(TIMEOUT, live::get, active -> active.version() == version);
            assertThat(live.get().strategy().topN()).isEqualTo(2);
        } finally {
            etcd.restart();
        }
    }

    private long put(String name, String json) throws Exception {
        return etcd.client().getKVClient().put(bytes(Strategy.ETCD_PREFIX + name), bytes(json))
                .get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }
}
