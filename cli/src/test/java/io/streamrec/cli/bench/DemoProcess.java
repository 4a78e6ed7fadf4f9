package io.streamrec.cli.bench;

import io.streamrec.cli.Streamrec;
import io.streamrec.cli.embedded.Ports;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code streamrec demo --no-traffic} in a child JVM, as a person runs it. A child because the machine's hard limit
 * of open files (20,000) cannot hold 10,000 server sockets and 10,000 client sockets in one process.
 */
final class DemoProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The packaged command and the copies of its dependencies that {@code mvn package} put in target/lib, as
     * {@code ./streamrec} runs it; also keeps the child off ~/.m2, where parallel builds replace jars.
     */
    private static final String RUNTIME_CLASSPATH = "target/classes" + File.pathSeparator + "target/lib/*";

    final int gateway = Ports.free();
    final int push = Ports.free();
    final int processor = Ports.free();
    final int registry = Ports.free();
    final int kafka = Ports.free();
    final int etcd = Ports.free();
    final Path dataDir;
    private final Process process;

    DemoProcess(Path dataDir, Path log, String maxHeap) throws IOException {
        this.dataDir = dataDir;
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseG1GC", "-cp", RUNTIME_CLASSPATH, Streamrec.class.getName(),
                "demo", "--no-traffic", "--data-dir", dataDir.toString(),
                "--gateway-port", Integer.toString(gateway), "--push-port", Integer.toString(push),
                "--processor-port", Integer.toString(processor), "--graph-port", Integer.toString(Ports.free()),
                "--registry-port", Integer.toString(registry), "--kafka-port", Integer.toString(kafka),
                "--kafka-controller-port", Integer.toString(Ports.free()), "--etcd-port", Integer.toString(etcd),
                "--etcd-peer-port", Integer.toString(Ports.free()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (int port : List.of(registry, processor, push, gateway)) {
            while (status(http, "http://localhost:" + port + "/health/ready") != 200) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("streamrec demo exited with " + process.exitValue() + "; see its log");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("streamrec demo was not ready within " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url(int port) {
        return "http://localhost:" + port;
    }

    String bootstrapServers() {
        return "localhost:" + kafka;
    }

    long residentKilobytes() throws IOException {
        return Long.parseLong(Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))
                .stream().filter(line -> line.startsWith("VmRSS:")).findFirst().orElse("VmRSS: 0 kB")
                .replaceAll("[^0-9]", ""));
    }

    /** SIGTERM: the demo's shutdown hook stops every service and its etcd child gracefully. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
