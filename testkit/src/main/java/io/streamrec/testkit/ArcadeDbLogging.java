package io.streamrec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps ArcadeDB from writing {@code ./log/arcadedb.log.N} into the module directory. On first use ArcadeDB loads
 * its bundled java.util.logging config, which adds a file handler there, unless {@code java.util.logging.config.file}
 * names a config; this points it at a console-only WARNING config under {@code target/testkit}. It must run before
 * ArcadeDB's first use in the JVM, and a config the build set explicitly is left alone.
 */
final class ArcadeDbLogging {
    private static final String CONFIG_PROPERTY = "java.util.logging.config.file";
    private static final String QUIET_CONFIG = """
            handlers = java.util.logging.ConsoleHandler
            .level = WARNING
            java.util.logging.ConsoleHandler.level = WARNING
            """;

    private ArcadeDbLogging() {
    }

    static synchronized void quiet() {
        if (System.getProperty(CONFIG_PROPERTY) != null) {
            return;
        }
        Path config = Path.of("target", "testkit", "arcadedb-logging.properties").toAbsolutePath();
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, QUIET_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        System.setProperty(CONFIG_PROPERTY, config.toString());
    }
}
