package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.sink.GraphSink;
import io.streamrec.sink.SinkConfig;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "sink", mixinStandardHelpOptions = true, description = "Run the graph sink and the graph API.")
final class SinkCommand extends ServiceCommand {
    @Override
    protected Service create(Optional<Path> configFile) {
        return new GraphSink(ConfigLoader.load(SinkConfig.class, configFile));
    }
}
