package io.streamrec.push;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A benchmark's server JVM, started from the test classpath with the same flags each time, its stderr in target/bench-logs. */
final class BenchServerProcess implements AutoCloseable {
    private static final List<String> JVM_FLAGS = List.of("-Xmx2g", "-XX:+UseG1GC");

    private final Process process;
    private final BufferedReader stdout;

    private BenchServerProcess(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static BenchServerProcess java(String name, Class<?> main, List<String> args) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return new BenchServerProcess(new ProcessBuilder(command)
                .redirectError(logs.resolve(name + ".log").toFile()).start());
    }

    /** The port the server prints as {@code PORT n} once it listens. */
    int awaitPort() throws IOException {
        for (String line; (line = stdout.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("server exited before listening; see target/bench-logs");
    }

    /** RSS right after a full GC, so garbage does not count as memory held for the sockets. */
    long rssAfterGcKb() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
