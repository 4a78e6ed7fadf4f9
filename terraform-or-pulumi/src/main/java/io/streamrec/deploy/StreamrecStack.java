package io.streamrec.deploy;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;

import java.util.List;

/**
 * The Streamrec production deployment on AWS: network, security groups, Kafka, etcd, ArangoDB, the services and the
 * load balancer in front of the gateway and the push service. {@link #program} reads the stack config; tests
 * call it with a config of their own, or {@link #stack} with their own {@link StackArgs}.
 */
public final class StreamrecStack {

    private StreamrecStack() {
    }

    public static void main(String[] args) {
        Pulumi.run(StreamrecStack::program);
    }

    /** What {@code pulumi up} runs: the stack built from the stack's configuration. */
    static void program(Context ctx) {
        stack(ctx, StackArgs.fromConfig(ctx));
    }

    public static void stack(Context ctx, StackArgs args) {
        String stackName = ctx.stackName();
        var network = new Network(args.availabilityZones());
        var groups = new SecurityGroups(network);
        var secrets = new Secrets(stackName, args);

        var kafka = new KafkaCluster(stackName, args, network, groups, NodeRole.create("kafka", List.of(), List.of()));
        var etcd = new EtcdCluster(stackName, args, network, groups, NodeRole.create("etcd", List.of(), List.of()));
        new ArangoDbServer(args.region(), args, network, groups,
                NodeRole.create("arangodb", List.of(secrets.arangoDbRoot.arn()), List.of()), secrets);

        var properties = new ServiceProperties(stackName, kafka, etcd, AppTier.REGISTRY_ADDRESS, args.extraProperties());
        var appProfile = NodeRole.create("app",
                List.of(secrets.pushToken.arn(), secrets.arangoDbRoot.arn()), List.of(properties.parameter.arn()));
        var entry = new PublicEntry(args, network, groups);
        new AppTier(args, network, groups, appProfile, secrets, properties, entry);

        ctx.export("loadBalancerDns", entry.loadBalancer.dnsName());
        ctx.export("kafkaBootstrapServers", Output.of(kafka.bootstrapServers()));
        ctx.export("etcdEndpoints", Output.of(etcd.endpoints()));
        ctx.export("configParameter", Output.of(properties.name));
    }
}
