package io.streamrec.sink;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.sink.store.GraphStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphStoresTest {

    @Test
    void aDatabaseAlreadyOpenInThisJvmIsAStartupErrorSayingSo() {
        Path path = Path.of("target", "arcadedb-tests", UUID.randomUUID().toString(), "graph");
        SinkSettings settings = ConfigLoader.load(SinkConfig.class, Optional.empty(),
                Map.of("streamrec.sink.arcadedb-path", path.toString())).sink();
        try (GraphStore first = GraphStores.open(settings)) {
            assertThatThrownBy(() -> GraphStores.open(settings))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aDatabasePathThatCannotBeADatabaseIsAStartupErrorNamingIt() throws Exception {
        Path file = Path.of("target", "arcadedb-tests", UUID.randomUUID().toString(), "a-file");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a database");
        SinkSettings settings = ConfigLoader.load(SinkConfig.class, Optional.empty(),
                Map.of("streamrec.sink.arcadedb-path", file.resolve("graph").toString())).sink();

        assertThatThrownBy(() -> GraphStores.open(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("a-file")
                .hasMessageContaining("streamrec.sink.arcadedb-path");
    }
}
