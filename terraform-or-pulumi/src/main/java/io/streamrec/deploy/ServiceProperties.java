package io.streamrec.deploy;

import com.pulumi.aws.ssm.Parameter;
import com.pulumi.aws.ssm.ParameterArgs;

import java.util.ArrayList;
import java.util.List;

/**
 * The one streamrec.properties every app node fetches at boot, as an SSM parameter. It holds addresses and
 * settings only: secrets reach the services as environment variables from Secrets Manager.
 */
final class ServiceProperties {

    final String name;
    final String text;
    final Parameter parameter;

    ServiceProperties(String stackName, KafkaCluster kafka, EtcdCluster etcd, String registryAddress,
                      List<String> extraProperties) {
        name = "/streamrec/" + stackName + "/streamrec.properties";
        var lines = new ArrayList<>(List.of(
                "streamrec.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "streamrec.etcd.endpoints=" + etcd.endpoints(),
                "streamrec.registry.url=http://" + registryAddress + ":" + Ports.REGISTRY,
                "streamrec.processor.state-dir=/var/lib/streamrec/processor",
                "streamrec.sink.store=arangodb",
                "streamrec.sink.arangodb.hosts=" + ArangoDbServer.ADDRESS + ":" + Ports.ARANGODB));
        // later lines win in a properties file, so the stack config can override the defaults above
        lines.addAll(extraProperties);
        text = String.join("\n", lines) + "\n";
        parameter = new Parameter("streamrec-properties", ParameterArgs.builder()
                .name(name).type("String").value(text).tags(Tags.named("streamrec-properties")).build());
    }
}
