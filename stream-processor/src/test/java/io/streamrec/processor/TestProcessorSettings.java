package io.streamrec.processor;

import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestDirectories;
import io.streamrec.testkit.TestSchemaRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a processor under test runs with: the test's Kafka, registry and etcd, an ephemeral port on loopback and a
 * state directory of its own under {@code target/testkit}, deleted when the JVM exits (each run left hundreds of MB of
 * RocksDB state behind). Tests add their own settings to the returned, mutable map.
 */
public final class TestProcessorSettings {
    public static final String STATE_DIR = "streamrec.processor.state-dir";

    private TestProcessorSettings() {
    }

    public static Map<String, String> overrides(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                                EtcdTestServer etcd, String stateDirPrefix) throws IOException {
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.processor.host", "127.0.0.1");
        overrides.put("streamrec.processor.port", "0");
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "testkit")), stateDirPrefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDirectories.deleteRecursively(stateDir),
                "delete-" + stateDir.getFileName()));
        overrides.put(STATE_DIR, stateDir.toString());
        return overrides;
    }
}
