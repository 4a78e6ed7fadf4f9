package io.streamrec.cli.embedded;

/**
 * The ports of the embedded runtime. HTTP ports may be 0 (ephemeral, for tests); Kafka's and etcd's must be real
 * because their own configuration names them.
 */
public record EmbeddedPorts(int gateway, int push, int processor, int graph, int registry,
                            int kafka, int kafkaController, int etcd, int etcdPeer) {

    public static EmbeddedPorts ephemeral() {
        return new EmbeddedPorts(0, 0, 0, 0, 0, Ports.free(), Ports.free(), Ports.free(), Ports.free());
    }

    /** Fails, naming the option to change, when a port is taken. */
    void requireFree() {
        Ports.requireFree(gateway, "gateway", "--gateway-port");
        Ports.requireFree(push, "push service and page", "--push-port");
        Ports.requireFree(processor, "processor API", "--processor-port");
        Ports.requireFree(graph, "graph API", "--graph-port");
        Ports.requireFree(registry, "schema registry", "--registry-port");
        Ports.requireFree(kafka, "Kafka", "--kafka-port");
        Ports.requireFree(kafkaController, "Kafka controller", "--kafka-controller-port");
        Ports.requireFree(etcd, "etcd", "--etcd-port");
        Ports.requireFree(etcdPeer, "etcd peer", "--etcd-peer-port");
    }
}
