package io.streamrec.gateway;

import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.schemas.Topics;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A one-node KRaft cluster whose broker can be stopped and started again with its data, unlike testkit's
 * {@code KafkaTestCluster}: an outage test must read the topic after the outage to count what was written. The
 * controller keeps running while the broker is down, as when a broker process dies in a real cluster.
 */
final class RestartableBroker implements AutoCloseable {
    private final KafkaClusterTestKit kit;

    private RestartableBroker(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Starts the cluster and creates the {@code interactions} topic. */
    static RestartableBroker start(Path directory) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(directory)
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .build());
        Map.of("default.replication.factor", "1", "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0").forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers()))) {
                KafkaAdmin.ensureTopics(admin, List.of(Topics.INTERACTIONS));
            }
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
        return new RestartableBroker(kit);
    }

    /** The broker's address; it may change across a restart, so ask again after one. */
    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    void stopBroker() {
        broker().shutdown();
    }

    void startBroker() throws Exception {
        broker().startup();
        kit.waitForReadyBrokers();
    }

    private BrokerServer broker() {
        return kit.brokers().values().iterator().next();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
