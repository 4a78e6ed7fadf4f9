package io.streamrec.cli;

import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline embedded: Kafka, etcd, schema registry, graph store and every service.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:STREAMREC_DATA_DIR:-data}", paramLabel = "DIR",
            description = "Where Kafka, etcd, the graph and the processor keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--no-traffic", description = "Do not generate demo traffic (by default a few simulated shoppers keep the page alive).")
    boolean noTraffic;

    @Mixin
    ConfigFileOption config;

    @Option(names = "--gateway-port", defaultValue = "${env:STREAMREC_DEMO_GATEWAY_PORT:-8080}")
    int gatewayPort;
    @Option(names = "--push-port", defaultValue = "${env:STREAMREC_DEMO_PUSH_PORT:-8081}")
    int pushPort;
    @Option(names = "--processor-port", defaultValue = "${env:STREAMREC_DEMO_PROCESSOR_PORT:-8082}")
    int processorPort;
    @Option(names = "--graph-port", defaultValue = "${env:STREAMREC_DEMO_GRAPH_PORT:-8083}")
    int graphPort;
    @Option(names = "--registry-port", defaultValue = "${env:STREAMREC_DEMO_REGISTRY_PORT:-8085}")
    int registryPort;
    @Option(names = "--kafka-port", defaultValue = "${env:STREAMREC_DEMO_KAFKA_PORT:-9092}")
    int kafkaPort;
    @Option(names = "--kafka-controller-port", defaultValue = "${env:STREAMREC_DEMO_KAFKA_CONTROLLER_PORT:-9093}")
    int kafkaControllerPort;
    @Option(names = "--etcd-port", defaultValue = "${env:STREAMREC_DEMO_ETCD_PORT:-2379}")
    int etcdPort;
    @Option(names = "--etcd-peer-port", defaultValue = "${env:STREAMREC_DEMO_ETCD_PEER_PORT:-2380}")
    int etcdPeerPort;

    @Override
    public Integer call() throws InterruptedException {
        long begin = System.nanoTime();
        EmbeddedPorts ports = new EmbeddedPorts(gatewayPort, pushPort, processorPort, graphPort, registryPort,
                kafkaPort, kafkaControllerPort, etcdPort, etcdPeerPort);
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(dataDir, ports, config.file(), !noTraffic)) {
            printBanner(System.out, pipeline.urls(), (System.nanoTime() - begin) / 1e9);
            pipeline.awaitStop();
        }
        return 0;
    }

    private void printBanner(PrintStream out, Map<String, String> urls, double seconds) {
        out.printf("%nStreamrec is ready in %.1f s (data in %s)%n", seconds, dataDir.toAbsolutePath().normalize());
        out.printf("  Live page and feeds  %s/%n", urls.get("push"));
        out.printf("  Event gateway        %s/v1/events%n", urls.get("gateway"));
        out.printf("  Processor API        %s/health/ready%n", urls.get("processor"));
        out.printf("  Graph API            %s/v1/graph/users/{id}/items%n", urls.get("graph"));
        out.printf("  Schema registry      %s/subjects%n", urls.get("registry"));
        out.printf("  Kafka                %s%n", urls.get("kafka"));
        out.printf("  etcd                 %s%n", urls.get("etcd"));
        out.println(noTraffic ? "  No demo traffic (--no-traffic): send events yourself."
                : "  Demo traffic: a few shoppers' events per second (--no-traffic turns it off).");
        out.printf("Try:%n  curl -X POST %s/v1/events -H 'Content-Type: application/json' \\%n"
                + "       -d '{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}'%n", urls.get("gateway"));
        out.println("Ctrl-C stops everything.");
    }
}
