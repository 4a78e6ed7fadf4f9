package io.streamrec.sink;

import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.sink.store.ArangoDbGraphStore;
import io.streamrec.sink.store.ArangoDbOptions;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.GraphStoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opens the configured graph store adapter; every failure is a startup error naming the keys to check. */
final class GraphStores {
    private GraphStores() {
    }

    static GraphStore open(SinkSettings settings) {
        return switch (settings.store()) {
            case ARCADEDB -> openArcadeDb(settings);
            case ARANGODB -> openArangoDb(arangoDbOptions(settings.arangodb(), System.getenv()));
        };
    }

    private static GraphStore openArcadeDb(SinkSettings settings) {
        try {
            return ArcadeDbGraphStore.open(settings.arcadedbPath(), settings.arcadedbWalFlush(),
                    settings.arcadedbMinFreeMb() * 1024 * 1024);
        } catch (GraphStoreException e) {
            throw new StartupException("graph store: " + e.getMessage()
                    + " (check streamrec.sink.arcadedb-path, and that nothing else has that database open)", e);
        }
    }

    private static GraphStore openArangoDb(ArangoDbOptions options) {
        try {
            return ArangoDbGraphStore.open(options);
        } catch (GraphStoreException e) {
            throw new StartupException("graph store: " + e.getMessage() + " (check streamrec.sink.arangodb.hosts,"
                    + " .user, .tls, and the password in streamrec.sink.arangodb.password-file or "
                    + ArangoDbPassword.ENV + ")", e);
        }
    }

    /** Every problem of the settings at once, as the config loader reports its own. */
    static ArangoDbOptions arangoDbOptions(ArangoDbSettings settings, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        List<ArangoDbOptions.Host> hosts = new ArrayList<>();
        for (String host : settings.hosts()) {
            try {
                hosts.add(ArangoDbOptions.Host.parse(host));
            } catch (IllegalArgumentException e) {
                problems.add("streamrec.sink.arangodb.hosts: " + e.getMessage());
            }
        }
        if (settings.hosts().isEmpty()) {
            problems.add("streamrec.sink.arangodb.hosts must name at least one host:port");
        }
        if (settings.database().isBlank()) {
            problems.add("streamrec.sink.arangodb.database must not be blank");
        }
        if (settings.user().isBlank()) {
            problems.add("streamrec.sink.arangodb.user must not be blank");
        }
        if (settings.timeoutMs() < 1) {
            problems.add("streamrec.sink.arangodb.timeout-ms must be at least 1, got " + settings.timeoutMs());
        }
        if (!problems.isEmpty()) {
            throw new StartupException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new ArangoDbOptions(hosts, settings.database(), settings.user(),
                ArangoDbPassword.resolve(settings, environment), settings.tls(), settings.timeoutMs());
    }
}
