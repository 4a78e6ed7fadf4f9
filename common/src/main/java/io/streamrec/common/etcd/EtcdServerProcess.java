package io.streamrec.common.etcd;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node etcd server run as a child process on loopback (Debian's etcd-server), for the embedded runtime and
 * for tests. A pid file next to the data directory lets the next start stop a server orphaned by a killed JVM.
 */
public final class EtcdServerProcess implements AutoCloseable {
    private static final List<Path> KNOWN_BINARIES = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Runs etcd in its own session: a Ctrl-C in the terminal must reach only the JVM, which stops etcd last. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final int clientPort;
    private final Path pidFile;

    private EtcdServerProcess(Process process, int clientPort, Path pidFile) {
        this.process = process;
        this.clientPort = clientPort;
        this.pidFile = pidFile;
    }

    /**
     * Starts etcd with its data in {@code dataDir} (kept across restarts) and its log in {@code dataDir + ".log"},
     * and returns once it reports healthy.
     */
    public static EtcdServerProcess start(Path dataDir, int clientPort, int peerPort, Duration timeout) {
        Path binary = findBinary().orElseThrow(() -> new StartupException(
                "etcd is not installed: run 'sudo apt-get install -y etcd-server etcd-client' (Debian/Ubuntu)"));
        Path pidFile = dataDir.resolveSibling(dataDir.getFileName() + ".pid");
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        stopOrphan(pidFile);
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(binary.toString(),
                "--name", "streamrec",
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "streamrec=" + peer,
                "--logger", "zap", "--log-level", "warn"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            Files.createDirectories(dataDir.getParent());
            EtcdServerProcess server = new EtcdServerProcess(builder.start(), clientPort, pidFile);
            Files.writeString(pidFile, Long.toString(server.process.pid()));
            server.awaitHealthy(timeout, logFile);
            return server;
        } catch (IOException e) {
            throw new StartupException("cannot start etcd (" + binary + "): " + e.getMessage(), e);
        }
    }

    public String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    private static Optional<Path> findBinary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "etcd"));
        return Stream.concat(onPath, KNOWN_BINARIES.stream()).filter(Files::isExecutable).findFirst();
    }

    private static void stopOrphan(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("etcd")).orElse(false))
                    .ifPresent(orphan -> {
                        orphan.destroy();
                        orphan.onExit().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
                    });
            Files.delete(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new StartupException("cannot read etcd pid file " + pidFile + ": " + e.getMessage(), e);
        }
    }

    private void awaitHealthy(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl() + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartupException("etcd exited with code " + process.exitValue()
                        + " (is port " + clientPort + " in use?); see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StartupException("interrupted while waiting for etcd", e);
            }
            sleep(100);
        }
        close();
        throw new StartupException("etcd did not become healthy within " + timeout.toSeconds() + " s; see " + logFile);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a stale pid file is harmless: the next start checks the command before it stops anything
        }
    }
}
