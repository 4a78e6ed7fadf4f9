package io.streamrec.deploy;

/** The ports the tiers open to each other; the security groups open nothing else. */
final class Ports {

    static final int KAFKA = 9092;
    static final int KAFKA_CONTROLLER = 9093;
    static final int ETCD_CLIENT = 2379;
    static final int ETCD_PEER = 2380;
    static final int ARANGODB = 8529;
    static final int GATEWAY = 8080;
    static final int PUSH = 8081;
    /** gateway 8080, push 8081, processor 8082, graph API 8083, registry 8085 */
    static final int APP_FIRST = 8080;
    static final int APP_LAST = 8085;
    static final int REGISTRY = 8085;
    static final int HTTP = 80;
    static final int HTTPS = 443;

    private Ports() {
    }
}
