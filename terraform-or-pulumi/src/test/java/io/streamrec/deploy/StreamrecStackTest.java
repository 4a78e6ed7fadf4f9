package io.streamrec.deploy;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.ebs.Volume;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.VolumeAttachment;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.ssm.Parameter;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole stack under Pulumi mocks: what it creates, checked against the rules of issue 9. */
class StreamrecStackTest {

    private static final String ROOT_PASSWORD = "root-password-never-in-user-data";
    private static final String PUSH_SECRET = "push-secret-never-in-user-data-0123456789";
    private static final Map<String, String> AMIS = Map.of(
            "kafka", "ami-0kafka", "etcd", "ami-0etcd", "arangodb", "ami-0arangodb", "app", "ami-0app");

    private static List<Resource> resources;

    @BeforeAll
    static void deploy() {
        TestResult result = PulumiTest.withMocks(new DeployMocks())
                .withOptions(TestOptions.builder().projectName("streamrec-deploy").stackName("test").build())
                .runTest(ctx -> StreamrecStack.stack(ctx, args(6)));
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.errors()).isEmpty();
        resources = result.resources();
    }

    @AfterAll
    static void cleanUp() {
        PulumiTest.cleanup();
    }

    static StackArgs args(int kafkaBrokers) {
        return new StackArgs("eu-west-1", List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"), AMIS,
                Map.of("kafka", "m6i.large", "etcd", "t3.medium", "arangodb", "r6i.large", "gateway", "c6i.large",
                        "processor", "m6i.large", "sink", "c6i.large", "push", "c6i.large", "registry", "t3.small"),
                kafkaBrokers, 500, 3, 200,
                Map.of("gateway", 2, "processor", 2, "sink", 1, "push", 3),
                Optional.empty(), Output.ofSecret(ROOT_PASSWORD), Output.ofSecret(PUSH_SECRET),
                List.of("streamrec.processor.num-stream-threads=2"));
    }

    @Test
    void noDataNodeHasAPublicAddress() {
        assertThat(role("kafka")).hasSize(6);
        assertThat(role("etcd")).hasSize(3);
        assertThat(role("arangodb")).hasSize(1);
        assertThat(all(Group.class)).hasSize(4);
        Map<String, Subnet> subnets = byId(Subnet.class);
        Map<String, RouteTable> routeTables = byId(RouteTable.class);
        Map<String, String> routeTableOfSubnet = all(RouteTableAssociation.class).stream()
                .collect(Collectors.toMap(a -> value(a.subnetId()).orElseThrow(), a -> value(a.routeTableId())));
        // private: no public address at launch, and no route to the internet gateway (only out through the NAT)
        Consumer<String> isPrivate = subnetId -> {
            Subnet subnet = subnets.get(subnetId);
            assertThat(subnet).as("subnet " + subnetId).isNotNull();
            assertThat(present(subnet.mapPublicIpOnLaunch())).as(subnetId + " maps public addresses").isFalse();
            RouteTable routes = routeTables.get(routeTableOfSubnet.get(subnetId));
            assertThat(routes).as("route table of " + subnetId).isNotNull();
            assertThat(value(routes.routes())).isNotEmpty()
                    .allSatisfy(route -> assertThat(route.gatewayId()).as(subnetId + " routes to the internet gateway").isEmpty());
        };
        for (Instance instance : all(Instance.class)) {
            assertThat(value(instance.associatePublicIpAddress())).as(instance.pulumiResourceName()).isFalse();
            isPrivate.accept(value(instance.subnetId()));
        }
        for (Group group : all(Group.class)) {
            assertThat(value(group.vpcZoneIdentifiers())).hasSize(3).allSatisfy(isPrivate);
        }
        // the only elastic address is the NAT gateway's, attached to no instance
        assertThat(all(Eip.class)).singleElement().satisfies(eip -> {
            assertThat(value(eip.instance())).isNullOrEmpty();
            assertThat(value(eip.networkInterface())).isNullOrEmpty();
        });
        // the check above can fail: the public subnets do route to the internet gateway
        assertThat(all(Subnet.class).stream().filter(s -> present(s.mapPublicIpOnLaunch()))).hasSize(3)
                .allSatisfy(s -> assertThat(value(routeTables.get(routeTableOfSubnet.get(value(s.id()))).routes()))
                        .anySatisfy(route -> assertThat(route.gatewayId()).isPresent()));
    }

    @Test
    void brokersAreSpreadOverTheZonesWithRackAwareness() {
        Map<String, Subnet> subnets = byId(Subnet.class);
        Map<String, Long> brokersPerZone = role("kafka").stream()
                .collect(Collectors.groupingBy(i -> value(subnets.get(value(i.subnetId())).availabilityZone()),
                        Collectors.counting()));
        assertThat(brokersPerZone).containsOnly(
                Map.entry("eu-west-1a", 2L), Map.entry("eu-west-1b", 2L), Map.entry("eu-west-1c", 2L));
        for (Instance broker : role("kafka")) {
            String zone = value(subnets.get(value(broker.subnetId())).availabilityZone());
            assertThat(value(broker.userData())).as("broker.rack follows the zone").contains("AVAILABILITY_ZONE=" + zone + "\n");
        }
        Set<String> etcdZones = role("etcd").stream()
                .map(i -> value(subnets.get(value(i.subnetId())).availabilityZone())).collect(Collectors.toSet());
        assertThat(etcdZones).hasSize(3);
    }

    @Test
    void everyBrokerIsAVoterAndHasItsOwnDataVolumeInItsZone() {
        Map<String, Subnet> subnets = byId(Subnet.class);
        Map<String, Volume> volumes = byId(Volume.class);
        Map<String, VolumeAttachment> attachments = all(VolumeAttachment.class).stream()
                .collect(Collectors.toMap(a -> value(a.instanceId()), Function.identity()));
        String voters = "1@10.0.20.10:9093,2@10.0.21.10:9093,3@10.0.22.10:9093,"
                + "4@10.0.20.11:9093,5@10.0.21.11:9093,6@10.0.22.11:9093";
        for (Instance broker : role("kafka")) {
            assertThat(value(broker.userData())).contains("KAFKA_CONTROLLER_QUORUM_VOTERS=" + voters + "\n")
                    .contains("KAFKA_ADVERTISED_HOST=" + value(broker.privateIp()) + "\n");
            VolumeAttachment attachment = attachments.get(value(broker.id()));
            assertThat(attachment).as("data volume of " + broker.pulumiResourceName()).isNotNull();
            assertThat(value(attachment.deviceName())).isEqualTo("/dev/sdf");
            Volume volume = volumes.get(value(attachment.volumeId()));
            assertThat(value(volume.availabilityZone()))
                    .isEqualTo(value(subnets.get(value(broker.subnetId())).availabilityZone()));
            assertThat(value(volume.size())).isEqualTo(500);
        }
    }

    @Test
    void securityGroupsOpenOnlyTheNeededPorts() {
        Map<String, SecurityGroup> groups = all(SecurityGroup.class).stream()
                .collect(Collectors.toMap(Resource::pulumiResourceName, Function.identity()));
        Function<String, String> nameOfGroupId = id -> groups.values().stream()
                .filter(g -> value(g.id()).equals(id)).findFirst().orElseThrow().pulumiResourceName();
        Map<String, Set<String>> ingress = groups.values().stream().collect(Collectors.toMap(
                Resource::pulumiResourceName,
                g -> value(g.ingress()).stream().map(rule -> describe(rule.protocol(), rule.fromPort(), rule.toPort(),
                                rule.self(), rule.securityGroups(), rule.cidrBlocks(), nameOfGroupId))
                        .collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> egress = groups.values().stream().collect(Collectors.toMap(
                Resource::pulumiResourceName,
                g -> value(g.egress()).stream().map(rule -> describe(rule.protocol(), rule.fromPort(), rule.toPort(),
                                rule.self(), rule.securityGroups(), rule.cidrBlocks(), nameOfGroupId))
                        .collect(Collectors.toCollection(TreeSet::new))));

        assertThat(ingress).containsOnly(
                Map.entry("load-balancer", Set.of("tcp 80 0.0.0.0/0", "tcp 443 0.0.0.0/0")),
                Map.entry("app", Set.of("tcp 8080 load-balancer", "tcp 8081 load-balancer", "tcp 8080-8085 self")),
                Map.entry("kafka", Set.of("tcp 9092 app", "tcp 9092 self", "tcp 9093 self")),
                Map.entry("etcd", Set.of("tcp 2379 app", "tcp 2379 self", "tcp 2380 self")),
                Map.entry("arangodb", Set.of("tcp 8529 app")));
        String appSubnets = "10.0.10.0/24,10.0.11.0/24,10.0.12.0/24";
        String dataSubnets = "10.0.20.0/24,10.0.21.0/24,10.0.22.0/24";
        String awsApis = "tcp 443 0.0.0.0/0";
        assertThat(egress).containsOnly(
                Map.entry("load-balancer", Set.of("tcp 8080 " + appSubnets, "tcp 8081 " + appSubnets)),
                Map.entry("app", Set.of("tcp 8080-8085 self", "tcp 9092 " + dataSubnets, "tcp 2379 " + dataSubnets,
                        "tcp 8529 " + dataSubnets, awsApis)),
                Map.entry("kafka", Set.of("tcp 9092 self", "tcp 9093 self", awsApis)),
                Map.entry("etcd", Set.of("tcp 2379 self", "tcp 2380 self", awsApis)),
                Map.entry("arangodb", Set.of(awsApis)));

        // no rule may come in through a side door: rules as resources of their own are not used at all
        assertThat(resources).extracting(Resource::pulumiResourceType)
                .noneMatch(type -> type.toLowerCase(Locale.ROOT).matches(".*securitygroup.*rule.*"));
    }

    @Test
    void everyMachineSitsInItsOwnTiersSecurityGroupOnly() {
        Map<String, String> groupIds = all(SecurityGroup.class).stream()
                .collect(Collectors.toMap(Resource::pulumiResourceName, g -> value(g.id())));
        for (String role : List.of("kafka", "etcd", "arangodb")) {
            assertThat(role(role)).isNotEmpty().allSatisfy(i -> assertThat(value(i.vpcSecurityGroupIds()))
                    .as(i.pulumiResourceName()).containsExactly(groupIds.get(role)));
        }
        assertThat(role("registry")).singleElement().satisfies(i -> assertThat(value(i.vpcSecurityGroupIds()))
                .containsExactly(groupIds.get("app")));
        assertThat(all(LaunchTemplate.class)).hasSize(4).allSatisfy(t -> assertThat(present(t.vpcSecurityGroupIds()))
                .as(t.pulumiResourceName()).containsExactly(groupIds.get("app")));
        assertThat(all(LoadBalancer.class)).singleElement().satisfies(lb -> assertThat(value(lb.securityGroups()))
                .containsExactly(groupIds.get("load-balancer")));
    }

    @Test
    void loadBalancerChecksReadinessAndRoutesTheFeedToPush() {
        Map<String, TargetGroup> targets = all(TargetGroup.class).stream()
                .collect(Collectors.toMap(Resource::pulumiResourceName, Function.identity()));
        assertThat(targets).containsOnlyKeys("gateway", "push");
        Map<String, Integer> ports = Map.of("gateway", 8080, "push", 8081);
        targets.forEach((name, target) -> {
            assertThat(present(target.port())).isEqualTo(ports.get(name));
            var check = value(target.healthCheck());
            assertThat(check.path()).contains("/health/ready");
            assertThat(check.port()).contains(String.valueOf(ports.get(name)));
            assertThat(check.matcher()).contains("200");
        });

        ListenerRule feed = all(ListenerRule.class).get(0);
        assertThat(value(feed.conditions()).get(0).pathPattern().orElseThrow().values()).containsExactly("/v1/feed*");
        assertThat(value(feed.actions()).get(0).targetGroupArn()).contains(value(targets.get("push").arn()));

        Map<String, Group> groups = all(Group.class).stream()
                .collect(Collectors.toMap(Resource::pulumiResourceName, Function.identity()));
        assertThat(value(groups.get("push").targetGroupArns())).containsExactly(value(targets.get("push").arn()));
        assertThat(value(groups.get("push").healthCheckType())).isEqualTo("ELB");
        assertThat(value(groups.get("push").desiredCapacity())).isEqualTo(3);
        assertThat(value(groups.get("processor").targetGroupArns())).isNullOrEmpty();

        LoadBalancer loadBalancer = all(LoadBalancer.class).get(0);
        assertThat(present(loadBalancer.loadBalancerType())).isEqualTo("application");
        assertThat(present(loadBalancer.idleTimeout())).as("longer than two WebSocket ping intervals").isGreaterThan(40);
    }

    @Test
    void amiIdsComeFromTheConfig() {
        for (String role : List.of("kafka", "etcd", "arangodb")) {
            assertThat(role(role)).isNotEmpty().allSatisfy(i -> assertThat(value(i.ami())).isEqualTo(AMIS.get(role)));
        }
        assertThat(all(LaunchTemplate.class)).hasSize(4)
                .allSatisfy(t -> assertThat(present(t.imageId())).isEqualTo("ami-0app"));
        assertThat(role("registry")).singleElement().satisfies(i -> assertThat(value(i.ami())).isEqualTo("ami-0app"));
    }

    @Test
    void secretsGoToSecretsManagerAndNeverIntoUserData() {
        assertThat(all(SecretVersion.class)).extracting(v -> present(v.secretString()))
                .containsExactlyInAnyOrder(ROOT_PASSWORD, PUSH_SECRET);
        List<String> userData = all(Instance.class).stream().map(i -> value(i.userData())).collect(Collectors.toList());
        all(LaunchTemplate.class).forEach(t -> userData.add(
                new String(Base64.getDecoder().decode(present(t.userData())), StandardCharsets.UTF_8)));
        assertThat(userData).hasSize(6 + 3 + 1 + 1 + 4)
                .noneMatch(text -> text.contains(ROOT_PASSWORD) || text.contains(PUSH_SECRET));
        assertThat(userData).anyMatch(text -> text.contains("SECRETS=STREAMREC_PUSH_TOKEN_SECRET=streamrec/test/push-token-secret\n"));
        assertThat(role("arangodb")).singleElement().satisfies(i -> assertThat(value(i.userData()))
                .contains("ARANGODB_ROOT_SECRET_ID=streamrec/test/arangodb-root\n"));
    }

    @Test
    void servicePropertiesInSsmPointAtTheClusters() {
        Parameter parameter = all(Parameter.class).get(0);
        assertThat(value(parameter.name())).isEqualTo("/streamrec/test/streamrec.properties");
        assertThat(value(parameter.value())).contains(
                "streamrec.kafka.bootstrap-servers=10.0.20.10:9092,10.0.21.10:9092,10.0.22.10:9092,"
                        + "10.0.20.11:9092,10.0.21.11:9092,10.0.22.11:9092\n",
                "streamrec.etcd.endpoints=http://10.0.20.20:2379,http://10.0.21.20:2379,http://10.0.22.20:2379\n",
                "streamrec.registry.url=http://10.0.10.50:8085\n",
                "streamrec.sink.arangodb.hosts=10.0.20.30:8529\n",
                "streamrec.processor.num-stream-threads=2\n");
    }

    @Test
    void badStackConfigIsRefusedWithTheKeyToFix() {
        var good = args(3);
        assertThatThrownBy(() -> new StackArgs(good.region(), List.of("a", "b"), good.amis(), good.instanceTypes(), 3,
                500, 3, 200, good.serviceCounts(), Optional.empty(), good.arangoDbRootPassword(), good.pushTokenSecret(), List.of()))
                .hasMessageContaining("availabilityZones");
        assertThatThrownBy(() -> new StackArgs(good.region(), good.availabilityZones(), Map.of("kafka", "ami-1"),
                good.instanceTypes(), 3, 500, 3, 200, good.serviceCounts(), Optional.empty(),
                good.arangoDbRootPassword(), good.pushTokenSecret(), List.of()))
                .hasMessageContaining("etcdAmi");
        assertThatThrownBy(() -> new StackArgs(good.region(), good.availabilityZones(), good.amis(),
                good.instanceTypes(), 3, 500, 4, 200, good.serviceCounts(), Optional.empty(),
                good.arangoDbRootPassword(), good.pushTokenSecret(), List.of()))
                .hasMessageContaining("etcdNodes must be odd");
        assertThatThrownBy(() -> new StackArgs(good.region(), good.availabilityZones(), good.amis(),
                good.instanceTypes(), 3, 500, 3, 200, good.serviceCounts(), Optional.empty(),
                good.arangoDbRootPassword(), good.pushTokenSecret(), List.of("kafka.bootstrap=x")))
                .hasMessageContaining("extraProperties");
    }

    @Test
    void kafkaClusterIdIsStablePerStackAndWellFormed() {
        assertThat(KafkaCluster.clusterId("prod")).isEqualTo(KafkaCluster.clusterId("prod"))
                .isNotEqualTo(KafkaCluster.clusterId("staging"))
                .matches("[A-Za-z0-9_-]{22}");
    }

    /** One rule as "protocol ports peer", the peer being a group's name, "self" or the address ranges. */
    private static String describe(String protocol, int from, int to, Optional<Boolean> self, List<String> groups,
                                   List<String> cidrs, Function<String, String> nameOfGroupId) {
        String ports = from == to ? String.valueOf(from) : from + "-" + to;
        String peer;
        if (self.orElse(false)) {
            peer = "self";
        } else if (!groups.isEmpty()) {
            peer = groups.stream().map(nameOfGroupId).collect(Collectors.joining(","));
        } else {
            peer = String.join(",", cidrs);
        }
        return protocol + " " + ports + " " + peer;
    }

    private static List<Instance> role(String role) {
        return all(Instance.class).stream().filter(i -> role.equals(present(i.tags()).get("Role"))).toList();
    }

    private static <T extends Resource> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends com.pulumi.resources.CustomResource> Map<String, T> byId(Class<T> type) {
        return all(type).stream().collect(Collectors.toMap(r -> value(r.id()), Function.identity()));
    }

    private static <T> T present(Output<Optional<T>> output) {
        return value(output).orElseThrow();
    }

    private static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }
}
