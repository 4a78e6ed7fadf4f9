package io.streamrec.testkit;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.EtcdServerProcess;
import io.streamrec.common.lifecycle.StartupException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real etcd server run as a child process, injected by {@link WithEtcd}. It can be stopped and started again on
 * the same ports and data, to test how a service behaves while etcd is away.
 */
public final class EtcdTestServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private EtcdServerProcess process;
    private Client client;

    private EtcdTestServer(Path directory, Path dataDir, int clientPort, int peerPort, EtcdServerProcess process) {
        this.directory = directory;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.process = process;
    }

    static EtcdTestServer start(Path directory) {
        Path dataDir = directory.resolve("data");
        StartupException lastFailure = null;
        // a free port can be taken by another process before etcd binds it: start again on new ports
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int clientPort = FreePorts.next();
            int peerPort = FreePorts.next();
            try {
                EtcdServerProcess process = EtcdServerProcess.start(dataDir, clientPort, peerPort, START_TIMEOUT);
                return new EtcdTestServer(directory, dataDir, clientPort, peerPort, process);
            } catch (StartupException e) {
                lastFailure = e;
                // a half-initialised data dir remembers the old peer URL
                TestDirectories.deleteRecursively(dataDir);
            }
        }
        TestDirectories.deleteRecursively(directory);
        throw lastFailure;
    }

    /** The client URL, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** Config overrides pointing a service at this server: {@code streamrec.etcd.endpoints}. */
    public Map<String, String> config() {
        return Map.of("streamrec.etcd.endpoints", endpoint());
    }

    /** A jetcd client owned by this server and closed with it; do not close it yourself. */
    public synchronized Client client() {
        if (client == null) {
            client = Client.builder().endpoints(endpoint()).build();
        }
        return client;
    }

    /** Stops the server, keeping its data; clients see it as unreachable until {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** Starts the stopped server again on the same ports with the same data. */
    public synchronized void restart() {
        if (process == null) {
            process = EtcdServerProcess.start(dataDir, clientPort, peerPort, START_TIMEOUT);
        }
    }

    public synchronized boolean isRunning() {
        return process != null;
    }

    @Override
    public synchronized void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            stop();
            TestDirectories.deleteRecursively(directory);
        }
    }
}
