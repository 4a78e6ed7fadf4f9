package io.streamrec.deploy;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.core.Output;

import java.util.List;

/**
 * One security group per tier, each opening only the ports the next tier in needs:
 * internet → load balancer (80/443) → app (8080 gateway, 8081 push; 8080-8085 between app nodes) → Kafka (9092),
 * etcd (2379) and ArangoDB (8529); Kafka's controller port 9093 and etcd's peer port 2380 only within their own tier.
 * No SSH anywhere: operators use SSM Session Manager. Egress: anything inside the VPC, and HTTPS out through the
 * NAT for the AWS APIs (SSM, Secrets Manager).
 */
final class SecurityGroups {

    final SecurityGroup loadBalancer;
    final SecurityGroup app;
    final SecurityGroup kafka;
    final SecurityGroup etcd;
    final SecurityGroup arangodb;

    SecurityGroups(Network network) {
        var vpcId = network.vpc.id();
        loadBalancer = new SecurityGroup("load-balancer", SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description("Streamrec load balancer: HTTP(S) from the internet")
                .ingress(fromInternet(Ports.HTTP), fromInternet(Ports.HTTPS))
                // the targets' ports only, addressed by CIDR (a group reference back to app would be a cycle)
                .egress(SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(Ports.APP_FIRST)
                        .toPort(Ports.APP_LAST).cidrBlocks(Network.VPC_CIDR).build())
                .tags(Tags.named("streamrec-load-balancer"))
                .build());
        app = group("app", "Streamrec services", vpcId,
                fromGroup(Ports.GATEWAY, Ports.GATEWAY, loadBalancer.id()),
                fromGroup(Ports.PUSH, Ports.PUSH, loadBalancer.id()),
                fromSelf(Ports.APP_FIRST, Ports.APP_LAST));
        kafka = group("kafka", "Kafka brokers and KRaft controllers", vpcId,
                fromGroup(Ports.KAFKA, Ports.KAFKA, app.id()),
                fromSelf(Ports.KAFKA, Ports.KAFKA),
                fromSelf(Ports.KAFKA_CONTROLLER, Ports.KAFKA_CONTROLLER));
        etcd = group("etcd", "etcd members", vpcId,
                fromGroup(Ports.ETCD_CLIENT, Ports.ETCD_CLIENT, app.id()),
                fromSelf(Ports.ETCD_CLIENT, Ports.ETCD_CLIENT),
                fromSelf(Ports.ETCD_PEER, Ports.ETCD_PEER));
        arangodb = group("arangodb", "ArangoDB", vpcId,
                fromGroup(Ports.ARANGODB, Ports.ARANGODB, app.id()));
    }

    private static SecurityGroup group(String name, String description, Output<String> vpcId,
                                       SecurityGroupIngressArgs... ingress) {
        return new SecurityGroup(name, SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description(description)
                .ingress(List.of(ingress))
                .egress(SecurityGroupEgressArgs.builder().protocol("-1").fromPort(0).toPort(0)
                                .cidrBlocks(Network.VPC_CIDR).build(),
                        SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(Ports.HTTPS).toPort(Ports.HTTPS)
                                .cidrBlocks("0.0.0.0/0").build())
                .tags(Tags.named("streamrec-" + name))
                .build());
    }

    private static SecurityGroupIngressArgs fromInternet(int port) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(port).toPort(port)
                .cidrBlocks("0.0.0.0/0").build();
    }

    private static SecurityGroupIngressArgs fromGroup(int from, int to, Output<String> source) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(from).toPort(to)
                .securityGroups(source.applyValue(List::of)).build();
    }

    private static SecurityGroupIngressArgs fromSelf(int from, int to) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(from).toPort(to).self(true).build();
    }
}
