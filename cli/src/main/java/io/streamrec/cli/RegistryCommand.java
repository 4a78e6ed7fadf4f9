package io.streamrec.cli;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.schemas.registry.RegistryServerConfig;
import io.streamrec.schemas.registry.SchemaRegistryServer;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run the schema registry (Confluent REST API subset, schemas stored in Kafka).")
final class RegistryCommand extends ServiceCommand {
    @Override
    protected Service create(Optional<Path> configFile) {
        return new SchemaRegistryServer(ConfigLoader.load(RegistryServerConfig.class, configFile));
    }
}
