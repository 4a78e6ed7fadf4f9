package io.streamrec.deploy;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The VPC: per zone one public subnet (load balancer, NAT), one private app subnet and one private data subnet.
 * Private subnets reach AWS APIs and package mirrors through one NAT gateway; nothing in them is reachable from
 * the internet. Data nodes get fixed addresses ({@link #dataAddress}) because Kafka's quorum voters and etcd's
 * initial cluster name their peers by address.
 */
final class Network {

    static final String VPC_CIDR = "10.0.0.0/16";
    private static final int PUBLIC_BASE = 0;
    private static final int APP_BASE = 10;
    private static final int DATA_BASE = 20;

    final Vpc vpc;
    final List<String> zones;
    final List<Subnet> publicSubnets = new ArrayList<>();
    final List<Subnet> appSubnets = new ArrayList<>();
    final List<Subnet> dataSubnets = new ArrayList<>();

    Network(List<String> zones) {
        this.zones = List.copyOf(zones);
        vpc = new Vpc("streamrec", VpcArgs.builder()
                .cidrBlock(VPC_CIDR).enableDnsHostnames(true).enableDnsSupport(true)
                .tags(Tags.named("streamrec")).build());
        var internet = new InternetGateway("streamrec", InternetGatewayArgs.builder().vpcId(vpc.id()).build());
        var publicRoutes = new RouteTable("public", RouteTableArgs.builder().vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(internet.id()).build())
                .build());

        for (int i = 0; i < zones.size(); i++) {
            publicSubnets.add(subnet("public-" + i, i, PUBLIC_BASE, true));
            appSubnets.add(subnet("app-" + i, i, APP_BASE, false));
            dataSubnets.add(subnet("data-" + i, i, DATA_BASE, false));
            associate("public-" + i, publicSubnets.get(i), publicRoutes);
        }

        var natAddress = new Eip("nat", EipArgs.builder().domain("vpc").build());
        var nat = new NatGateway("streamrec", NatGatewayArgs.builder()
                .allocationId(natAddress.id()).subnetId(publicSubnets.get(0).id()).build());
        var privateRoutes = new RouteTable("private", RouteTableArgs.builder().vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build())
                .build());
        for (int i = 0; i < zones.size(); i++) {
            associate("app-" + i, appSubnets.get(i), privateRoutes);
            associate("data-" + i, dataSubnets.get(i), privateRoutes);
        }
    }

    /** The fixed private address of host number {@code host} (10..250) in the data subnet of zone {@code zone}. */
    static String dataAddress(int zone, int host) {
        return "10.0." + (DATA_BASE + zone) + "." + host;
    }

    /** The fixed private address of host number {@code host} in the app subnet of zone {@code zone}. */
    static String appAddress(int zone, int host) {
        return "10.0." + (APP_BASE + zone) + "." + host;
    }

    /** The app subnets' address ranges, one per zone: where the load balancer's targets and the services live. */
    List<String> appCidrs() {
        return cidrs(APP_BASE);
    }

    /** The data subnets' address ranges, one per zone: where Kafka, etcd and ArangoDB live. */
    List<String> dataCidrs() {
        return cidrs(DATA_BASE);
    }

    List<Output<String>> ids(List<Subnet> subnets) {
        return subnets.stream().map(Subnet::id).toList();
    }

    private Subnet subnet(String name, int zone, int base, boolean isPublic) {
        return new Subnet(name, SubnetArgs.builder()
                .vpcId(vpc.id())
                .availabilityZone(zones.get(zone))
                .cidrBlock(cidr(base, zone))
                .mapPublicIpOnLaunch(isPublic)
                .tags(Tags.named("streamrec-" + name))
                .build());
    }

    private List<String> cidrs(int base) {
        return IntStream.range(0, zones.size()).mapToObj(zone -> cidr(base, zone)).toList();
    }

    private static String cidr(int base, int zone) {
        return "10.0." + (base + zone) + ".0/24";
    }

    private static void associate(String name, Subnet subnet, RouteTable table) {
        new RouteTableAssociation(name, RouteTableAssociationArgs.builder()
                .subnetId(subnet.id()).routeTableId(table.id()).build());
    }
}
