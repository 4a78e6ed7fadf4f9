package io.streamrec.cli;

import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.ServiceGroup;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs one service against external Kafka, etcd, registry and store until the process is asked to stop. Settings
 * come from {@code --config FILE} and {@code STREAMREC_*} environment variables over documented defaults.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    protected abstract Service create(Optional<Path> configFile);

    @Override
    public Integer call() throws InterruptedException {
        try (ServiceGroup group = new ServiceGroup()) {
            group.stopOnShutdown().start(create(config.file())).awaitStop();
        }
        return 0;
    }
}
