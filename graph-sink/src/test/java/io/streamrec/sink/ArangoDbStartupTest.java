package io.streamrec.sink;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.sink.store.ArangoDbOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Store selection and ArangoDB settings, and the sink's startup error when no ArangoDB answers (no server needed). */
class ArangoDbStartupTest {

    @Test
    void anUnreachableArangoDbFailsFastWithAStartupErrorNamingHostAndKeys() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SinkSettings settings = settings(Map.of("streamrec.sink.store", "arangodb",
                "streamrec.sink.arangodb.hosts", "127.0.0.1:" + closedPort));

        long begin = System.nanoTime();
        assertThatThrownBy(() -> GraphStores.open(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("Cannot contact any host")
                .hasMessageContaining("streamrec.sink.arangodb.hosts");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void settingsBecomeOptionsWithThePasswordFromTheEnvironment() {
        SinkSettings settings = settings(Map.of("streamrec.sink.store", "arangodb",
                "streamrec.sink.arangodb.hosts", "db1:8529, db2:8530", "streamrec.sink.arangodb.database", "graph",
                "streamrec.sink.arangodb.user", "sink", "streamrec.sink.arangodb.tls", "true"));

        ArangoDbOptions options = GraphStores.arangoDbOptions(settings.arangodb(),
                Map.of(ArangoDbPassword.ENV, "from-env"));

        assertThat(settings.store()).isEqualTo(SinkSettings.GraphStoreKind.ARANGODB);
        assertThat(options.hosts()).containsExactly(new ArangoDbOptions.Host("db1", 8529),
                new ArangoDbOptions.Host("db2", 8530));
        assertThat(options.database()).isEqualTo("graph");
        assertThat(options.user()).isEqualTo("sink");
        assertThat(options.password()).isEqualTo("from-env");
        assertThat(options.tls()).isTrue();
    }

    @Test
    void aSecretFileWinsOverTheEnvironment() throws IOException {
        Path secret = Path.of("target", "arangodb-tests", UUID.randomUUID() + ".secret");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "from-file\n");
        SinkSettings settings = settings(Map.of("streamrec.sink.arangodb.password-file", secret.toString()));

        assertThat(GraphStores.arangoDbOptions(settings.arangodb(), Map.of(ArangoDbPassword.ENV, "from-env"))
                .password()).isEqualTo("from-file");
    }

    @Test
    void aMissingSecretFileIsAStartupErrorNamingIt() {
        SinkSettings settings = settings(Map.of("streamrec.sink.arangodb.password-file", "/nonexistent/secret"));

        assertThatThrownBy(() -> GraphStores.arangoDbOptions(settings.arangodb(), Map.of()))
                .isInstanceOf(StartupException.class).hasMessageContaining("/nonexistent/secret");
    }

    @Test
    void badArangoDbSettingsAreAllReportedAtOnce() {
        SinkSettings settings = settings(Map.of("streamrec.sink.arangodb.hosts", "db1,db2:x",
                "streamrec.sink.arangodb.database", " ", "streamrec.sink.arangodb.timeout-ms", "0"));

        assertThatThrownBy(() -> GraphStores.arangoDbOptions(settings.arangodb(), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("'db1' is not host:port").hasMessageContaining("'db2:x'")
                .hasMessageContaining("database must not be blank").hasMessageContaining("timeout-ms");
    }

    private static SinkSettings settings(Map<String, String> overrides) {
        return ConfigLoader.load(SinkConfig.class, Optional.empty(), overrides).sink();
    }
}
