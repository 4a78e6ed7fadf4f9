package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Scratch directories under the calling module's {@code target/testkit}, so {@code mvn clean} removes leftovers. */
public final class TestDirectories {
    private static final Path ROOT = Path.of("target", "testkit");

    private TestDirectories() {
    }

    /** A new, empty directory named after the test class and the resource, e.g. {@code GatewayIT-kafka-1a2b3c4d}. */
    static Path create(ExtensionContext context, String resource) {
        String testClass = context.getTestClass().map(Class::getSimpleName).orElse("tests");
        Path dir = ROOT.resolve(testClass + "-" + resource + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create test directory " + dir, e);
        }
    }

    /** Deletes what it can: a benchmark's gigabytes of data should not outlive its run, and leftovers go with mvn clean. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers stay under target/ and go with the next mvn clean
        }
    }
}
