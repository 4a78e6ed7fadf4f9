package io.streamrec.deploy;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.iam.InstanceProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The etcd members, spread over the zones; they bootstrap as one cluster from the same ETCD_INITIAL_CLUSTER. */
final class EtcdCluster {

    private static final int FIRST_HOST = 20;

    final List<Instance> members = new ArrayList<>();
    final List<String> addresses;

    EtcdCluster(String stackName, StackArgs args, Network network, SecurityGroups groups, InstanceProfile profile) {
        int zones = network.zones.size();
        addresses = IntStream.range(0, args.etcdNodes())
                .mapToObj(i -> Network.dataAddress(i % zones, FIRST_HOST + i / zones)).toList();
        String initialCluster = IntStream.range(0, addresses.size())
                .mapToObj(i -> "etcd-" + (i + 1) + "=http://" + addresses.get(i) + ":" + Ports.ETCD_PEER)
                .collect(Collectors.joining(","));
        for (int i = 0; i < args.etcdNodes(); i++) {
            String userData = new UserData()
                    .put("ETCD_NAME", "etcd-" + (i + 1))
                    .put("ETCD_ADVERTISE_HOST", addresses.get(i))
                    .put("ETCD_INITIAL_CLUSTER", initialCluster)
                    .put("ETCD_INITIAL_CLUSTER_TOKEN", "streamrec-" + stackName)
                    .render();
            members.add(DataNode.create(network, new DataNode.Spec("etcd-" + (i + 1), "etcd", args.ami("etcd"),
                    args.instanceType("etcd"), i % zones, addresses.get(i), groups.etcd, profile, userData,
                    Optional.empty())));
        }
    }

    String endpoints() {
        return addresses.stream().map(a -> "http://" + a + ":" + Ports.ETCD_CLIENT).collect(Collectors.joining(","));
    }
}
