package io.streamrec.cli;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.ServiceGroup;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs one service against external Kafka, etcd, registry and store until the process is asked to stop, registered
 * in etcd while it runs. Settings come from {@code --config FILE} and {@code STREAMREC_*} environment variables over
 * documented defaults.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    protected abstract Service create(Optional<Path> configFile);

    @Override
    public Integer call() throws InterruptedException {
        ToolConfig tool = config.load(ToolConfig.class);
        try (Client etcd = EtcdClients.connect(tool.etcd()); ServiceGroup group = new ServiceGroup()) {
            Service service = create(config.file());
            group.stopOnShutdown().start(service);
            if (service instanceof HttpEndpoint endpoint) {
                // registered last, so that it is stopped first: the instance disappears before it stops serving
                group.start(ServiceRegistration.of(etcd, service, endpoint, Streamrec.VERSION));
            }
            group.awaitStop();
        }
        return 0;
    }
}
