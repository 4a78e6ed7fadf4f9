package io.streamrec.cli.embedded;

import io.streamrec.common.etcd.EtcdServerProcess;
import io.streamrec.common.lifecycle.Service;

import java.nio.file.Path;
import java.time.Duration;

/** etcd as a child process, stopped with the runtime. */
final class EtcdService implements Service {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private EtcdServerProcess process;

    EtcdService(Path dataDir, int clientPort, int peerPort) {
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    @Override
    public String name() {
        return "etcd";
    }

    String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    @Override
    public void start() {
        process = EtcdServerProcess.start(dataDir, clientPort, peerPort, STARTUP_TIMEOUT);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
