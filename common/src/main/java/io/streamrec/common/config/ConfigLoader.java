package io.streamrec.common.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Loads a typed, immutable configuration. Precedence, highest first: explicit overrides (used by the embedded
 * runtime), system properties, environment variables ({@code streamrec.kafka.bootstrap-servers} is
 * {@code STREAMREC_KAFKA_BOOTSTRAP_SERVERS}), the optional properties file, then the defaults declared on the
 * mapping interface. Every problem is reported at once.
 */
public final class ConfigLoader {
    private static final int FILE_ORDINAL = 250;
    private static final int OVERRIDE_ORDINAL = 500;

    private ConfigLoader() {
    }

    public static <T> T load(Class<T> mapping, Optional<Path> file) {
        return load(mapping, file, Map.of());
    }

    public static <T> T load(Class<T> mapping, Optional<Path> file, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources()
                .withMapping(mapping)
                // one file and one environment configure several services; each takes only its keys
                .withValidateUnknown(false)
                .withSources(new MapBackedConfigSource("overrides", overrides, OVERRIDE_ORDINAL) {
                });
        file.ifPresent(path -> builder.withSources(propertiesFile(path)));
        try {
            SmallRyeConfig config = builder.build();
            return config.getConfigMapping(mapping);
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                // SmallRye prefixes the converter's exception class, which tells a user nothing
                problems.add("  - " + e.getProblem(i).getMessage().replaceFirst("^[\\w.$]+Exception: ", ""));
            }
            throw new StartupException("invalid configuration:\n" + String.join("\n", problems), e);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new StartupException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static PropertiesConfigSource propertiesFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new StartupException("config file " + path + " does not exist or is not readable");
        }
        try {
            return new PropertiesConfigSource(path.toUri().toURL(), FILE_ORDINAL);
        } catch (IOException e) {
            throw new StartupException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }
}
