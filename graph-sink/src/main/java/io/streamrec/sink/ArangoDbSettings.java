package io.streamrec.sink;

import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the ArangoDB adapter connects ({@code streamrec.sink.arangodb.*}); read only when
 * {@code streamrec.sink.store=arangodb}. The password is deliberately not a config key, so that it never sits in a
 * properties file: it comes from {@link #passwordFile()} or the {@value ArangoDbPassword#ENV} environment variable.
 */
public interface ArangoDbSettings {

    /** Coordinators or the single server, as {@code host:port}, comma-separated. */
    @WithDefault("localhost:8529")
    List<String> hosts();

    /** Database holding the graph; created on start when missing. */
    @WithDefault("streamrec")
    String database();

    /** User the sink authenticates as; it needs rights to create the database and collections, or they must exist. */
    @WithDefault("root")
    String user();

    /** File whose content (trailing newline trimmed) is the password, e.g. a mounted secret; wins over the environment. */
    Optional<Path> passwordFile();

    /** Speak TLS to ArangoDB, trusting the JVM's trust store ({@code javax.net.ssl.trustStore}). */
    @WithDefault("false")
    boolean tls();

    /** How long one request may take before it fails (and the batch is retried). */
    @WithDefault("10000")
    int timeoutMs();
}
