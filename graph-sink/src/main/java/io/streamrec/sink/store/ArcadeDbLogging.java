package io.streamrec.sink.store;

import com.arcadedb.log.LogManager;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Routes ArcadeDB's logging into SLF4J and undoes what its default logger does on class initialisation: it creates
 * {@code ./log} in the working directory, replaces the JVM's java.util.logging configuration with its own (a file
 * handler into {@code ./log}) and installs a console formatter. Runs once, before the first database is opened.
 */
final class ArcadeDbLogging {
    private static final String CUSTOM_FORMATTER_PROPERTY = "arcadedb.installCustomFormatter";
    private static final Path DEFAULT_LOG_DIRECTORY = Path.of("log");
    private static boolean installed;

    private ArcadeDbLogging() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        boolean logDirectoryExisted = Files.exists(DEFAULT_LOG_DIRECTORY);
        String formatterSetting = System.getProperty(CUSTOM_FORMATTER_PROPERTY);
        // without this, the formatter installation instantiates the root handlers, hence the file handler in ./log
        System.setProperty(CUSTOM_FORMATTER_PROPERTY, "false");
        try {
            LogManager.instance().setLogger(new ArcadeDbSlf4jLogger());
        } finally {
            restore(formatterSetting);
        }
        restoreJvmLoggingConfiguration();
        if (!logDirectoryExisted) {
            deleteIfEmpty(DEFAULT_LOG_DIRECTORY);
        }
    }

    private static void restore(String formatterSetting) {
        if (formatterSetting == null) {
            System.clearProperty(CUSTOM_FORMATTER_PROPERTY);
        } else {
            System.setProperty(CUSTOM_FORMATTER_PROPERTY, formatterSetting);
        }
    }

    /** Reads the JVM's own java.util.logging configuration again, replacing the one ArcadeDB loaded. */
    private static void restoreJvmLoggingConfiguration() {
        try {
            java.util.logging.LogManager.getLogManager().readConfiguration();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ArcadeDbLogging.class).atWarn().addKeyValue("error", e.getMessage())
                    .log("cannot restore the java.util.logging configuration");
        }
    }

    private static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // something else wrote there meanwhile: not ours to remove
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ArcadeDbLogging.class).atWarn().addKeyValue("directory", directory)
                    .addKeyValue("error", e.getMessage()).log("cannot remove the log directory ArcadeDB created");
        }
    }
}
