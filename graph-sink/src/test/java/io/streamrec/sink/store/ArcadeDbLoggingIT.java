package io.streamrec.sink.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that opens the store in a fresh working directory leaves no {@code ./log} there and prints nothing on
 * stderr: ArcadeDB's logging goes through SLF4J, and the expected "no languages found" line is DEBUG.
 */
class ArcadeDbLoggingIT {

    @Test
    void openingTheStoreCreatesNoLogDirectoryAndPrintsNoSevereLine() throws IOException, InterruptedException {
        Path workingDirectory = Path.of("target", "logging-it", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(workingDirectory);
        Path stdout = workingDirectory.resolve("../" + workingDirectory.getFileName() + ".out");
        Path stderr = workingDirectory.resolve("../" + workingDirectory.getFileName() + ".err");

        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), OpenStoreProcess.class.getName(), "db"))
                .directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(Files.readString(stdout)).contains("edges of u1: 1");
        assertThat(workingDirectory.resolve("db")).isDirectory();
        assertThat(workingDirectory.resolve("log")).doesNotExist();
        assertThat(Files.readString(stderr)).doesNotContain("SEVER").doesNotContain("GraalVM");
        assertThat(Files.readString(stdout)).doesNotContain("SEVER").doesNotContain("GraalVM");
    }
}
