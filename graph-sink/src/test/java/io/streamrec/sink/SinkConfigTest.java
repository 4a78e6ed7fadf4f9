package io.streamrec.sink;

import com.arcadedb.engine.WALFile;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigTest {

    @Test
    void defaults() {
        SinkSettings sink = ConfigLoader.load(SinkConfig.class, Optional.empty()).sink();

        assertThat(sink.host()).isEqualTo("0.0.0.0");
        assertThat(sink.port()).isEqualTo(8083);
        assertThat(sink.groupId()).isEqualTo("streamrec-graph-sink");
        assertThat(sink.batchSize()).isEqualTo(20_000);
        assertThat(sink.lingerMs()).isEqualTo(200);
        assertThat(sink.store()).isEqualTo(SinkSettings.GraphStoreKind.ARCADEDB);
        assertThat(sink.arcadedbPath()).isEqualTo(Path.of("data/graph"));
        assertThat(sink.arcadedbWalFlush()).isEqualTo(WALFile.FLUSH_TYPE.NO);
    }

    @Test
    void keysAreKebabCase() {
        SinkSettings sink = ConfigLoader.load(SinkConfig.class, Optional.empty(), Map.of(
                "streamrec.sink.batch-size", "50",
                "streamrec.sink.arcadedb-path", "/var/lib/graph",
                "streamrec.sink.arcadedb-wal-flush", "yes-full")).sink();

        assertThat(sink.batchSize()).isEqualTo(50);
        assertThat(sink.arcadedbPath()).isEqualTo(Path.of("/var/lib/graph"));
        assertThat(sink.arcadedbWalFlush()).isEqualTo(WALFile.FLUSH_TYPE.YES_FULL);
    }

    @Test
    void anUnknownStoreIsAStartupError() {
        assertThatThrownBy(() -> ConfigLoader.load(SinkConfig.class, Optional.empty(),
                Map.of("streamrec.sink.store", "neo4j")))
                .isInstanceOf(StartupException.class).hasMessageContaining("neo4j");
    }

    @Test
    void outOfRangeValuesAreAllReportedAtOnce() {
        SinkConfig config = ConfigLoader.load(SinkConfig.class, Optional.empty(), Map.of(
                "streamrec.sink.batch-size", "0", "streamrec.sink.linger-ms", "-1", "streamrec.sink.port", "70000"));

        assertThatThrownBy(() -> new GraphSink(config))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("batch-size").hasMessageContaining("linger-ms").hasMessageContaining("port");
    }
}
