package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code --config FILE} option every command shares; environment variables override the file. */
final class ConfigFileOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file with streamrec.* settings.")
    Path file;

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    <T> T load(Class<T> mapping) {
        return ConfigLoader.load(mapping, file());
    }
}
