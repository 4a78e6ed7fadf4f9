package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.push.PushConfig;
import io.streamrec.push.PushService;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "push", mixinStandardHelpOptions = true, description = "Run the push service (recommendations over WebSockets).")
final class PushCommand extends ServiceCommand {
    @Override
    protected Service create(Optional<Path> configFile) {
        return new PushService(ConfigLoader.load(PushConfig.class, configFile));
    }
}
