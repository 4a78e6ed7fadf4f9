package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.gateway.EventGateway;
import io.streamrec.gateway.GatewayConfig;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the event gateway (HTTP events to Kafka).")
final class GatewayCommand extends ServiceCommand {
    @Override
    protected Service create(Optional<Path> configFile) {
        return new EventGateway(ConfigLoader.load(GatewayConfig.class, configFile));
    }
}
