package io.streamrec.testkit;

import io.etcd.jetcd.kv.GetResponse;
import io.smallrye.config.ConfigMapping;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.config.EtcdSettings;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;
import static org.assertj.core.api.Assertions.assertThat;

@WithEtcd
class EtcdTestServerIT {

    @ConfigMapping(prefix = "streamrec")
    interface EtcdOnlyConfig {
        EtcdSettings etcd();
    }

    @Test
    void putAndGetThroughTheClient(EtcdTestServer etcd) throws Exception {
        etcd.client().getKVClient().put(bytes("testkit/greeting"), bytes("hello")).get(5, TimeUnit.SECONDS);

        GetResponse response = etcd.client().getKVClient().get(bytes("testkit/greeting")).get(5, TimeUnit.SECONDS);

        assertThat(response.getKvs()).singleElement()
                .satisfies(kv -> assertThat(string(kv.getValue())).isEqualTo("hello"));
    }

    @Test
    void configLoadsIntoTheSharedEtcdSettings(EtcdTestServer etcd) {
        EtcdOnlyConfig config = ConfigLoader.load(EtcdOnlyConfig.class, Optional.empty(), etcd.config());

        assertThat(config.etcd().endpoints()).containsExactly(etcd.endpoint());
        assertThat(etcd.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    }
}
