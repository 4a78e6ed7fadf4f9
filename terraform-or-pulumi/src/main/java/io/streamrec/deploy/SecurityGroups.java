package io.streamrec.deploy;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.core.Output;

import java.util.List;

/**
 * One security group per tier, each opening only the ports the next tier in needs, in both directions:
 * internet → load balancer (80/443) → app (8080 gateway, 8081 push; 8080-8085 between app nodes) → Kafka (9092),
 * etcd (2379) and ArangoDB (8529); Kafka's controller port 9093 and etcd's peer port 2380 only within their own tier.
 * Egress mirrors that: each tier may open connections only to the ports the next tier accepts (by subnet range where
 * a group reference would be a cycle), plus HTTPS out through the NAT for the AWS APIs (SSM, Secrets Manager).
 * No SSH anywhere: operators use SSM Session Manager. The VPC's DNS resolver and the instance metadata service are
 * not subject to security groups, so nothing is opened for them.
 */
final class SecurityGroups {

    private static final String ANYWHERE = "0.0.0.0/0";

    final SecurityGroup loadBalancer;
    final SecurityGroup app;
    final SecurityGroup kafka;
    final SecurityGroup etcd;
    final SecurityGroup arangodb;

    SecurityGroups(Network network) {
        var vpcId = network.vpc.id();
        List<String> appSubnets = network.appCidrs();
        List<String> dataSubnets = network.dataCidrs();
        loadBalancer = group("load-balancer", "Streamrec load balancer: HTTP(S) from the internet", vpcId,
                List.of(fromCidrs(Ports.HTTP, ANYWHERE), fromCidrs(Ports.HTTPS, ANYWHERE)),
                List.of(toCidrs(Ports.GATEWAY, appSubnets), toCidrs(Ports.PUSH, appSubnets)));
        app = group("app", "Streamrec services", vpcId,
                List.of(fromGroup(Ports.GATEWAY, loadBalancer.id()), fromGroup(Ports.PUSH, loadBalancer.id()),
                        fromSelf(Ports.APP_FIRST, Ports.APP_LAST)),
                List.of(toSelf(Ports.APP_FIRST, Ports.APP_LAST), toCidrs(Ports.KAFKA, dataSubnets),
                        toCidrs(Ports.ETCD_CLIENT, dataSubnets), toCidrs(Ports.ARANGODB, dataSubnets), toAwsApis()));
        kafka = group("kafka", "Kafka brokers and KRaft controllers", vpcId,
                List.of(fromGroup(Ports.KAFKA, app.id()), fromSelf(Ports.KAFKA, Ports.KAFKA),
                        fromSelf(Ports.KAFKA_CONTROLLER, Ports.KAFKA_CONTROLLER)),
                List.of(toSelf(Ports.KAFKA, Ports.KAFKA), toSelf(Ports.KAFKA_CONTROLLER, Ports.KAFKA_CONTROLLER),
                        toAwsApis()));
        etcd = group("etcd", "etcd members", vpcId,
                List.of(fromGroup(Ports.ETCD_CLIENT, app.id()), fromSelf(Ports.ETCD_CLIENT, Ports.ETCD_CLIENT),
                        fromSelf(Ports.ETCD_PEER, Ports.ETCD_PEER)),
                List.of(toSelf(Ports.ETCD_CLIENT, Ports.ETCD_CLIENT), toSelf(Ports.ETCD_PEER, Ports.ETCD_PEER),
                        toAwsApis()));
        arangodb = group("arangodb", "ArangoDB", vpcId,
                List.of(fromGroup(Ports.ARANGODB, app.id())),
                List.of(toAwsApis()));
    }

    private static SecurityGroup group(String name, String description, Output<String> vpcId,
                                       List<SecurityGroupIngressArgs> ingress, List<SecurityGroupEgressArgs> egress) {
        return new SecurityGroup(name, SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description(description)
                .ingress(ingress)
                .egress(egress)
                .tags(Tags.named("streamrec-" + name))
                .build());
    }

    private static SecurityGroupIngressArgs fromCidrs(int port, String... cidrs) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(port).toPort(port).cidrBlocks(cidrs).build();
    }

    private static SecurityGroupIngressArgs fromGroup(int port, Output<String> source) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(port).toPort(port)
                .securityGroups(source.applyValue(List::of)).build();
    }

    private static SecurityGroupIngressArgs fromSelf(int from, int to) {
        return SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(from).toPort(to).self(true).build();
    }

    private static SecurityGroupEgressArgs toCidrs(int port, List<String> cidrs) {
        return SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(port).toPort(port).cidrBlocks(cidrs).build();
    }

    private static SecurityGroupEgressArgs toSelf(int from, int to) {
        return SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(from).toPort(to).self(true).build();
    }

    /** SSM (Session Manager, parameters) and Secrets Manager, through the NAT gateway. */
    private static SecurityGroupEgressArgs toAwsApis() {
        return SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(Ports.HTTPS).toPort(Ports.HTTPS)
                .cidrBlocks(ANYWHERE).build();
    }
}
