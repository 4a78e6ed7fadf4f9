package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.processor.ProcessorConfig;
import io.streamrec.processor.StreamProcessor;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "processor", mixinStandardHelpOptions = true, description = "Run the stream processor (interactions to recommendations).")
final class ProcessorCommand extends ServiceCommand {
    @Override
    protected Service create(Optional<Path> configFile) {
        return new StreamProcessor(ConfigLoader.load(ProcessorConfig.class, configFile));
    }
}
