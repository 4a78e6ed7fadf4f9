package io.streamrec.deploy;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.iam.InstanceProfile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Kafka brokers, each also a KRaft controller (static quorum of all brokers), spread round-robin over the zones
 * with broker.rack = zone so that the three replicas of a partition sit in three zones.
 */
final class KafkaCluster {

    private static final int FIRST_HOST = 10;

    final List<Instance> brokers = new ArrayList<>();
    final List<String> addresses;

    KafkaCluster(String stackName, StackArgs args, Network network, SecurityGroups groups, InstanceProfile profile) {
        int zones = network.zones.size();
        addresses = IntStream.range(0, args.kafkaBrokers())
                .mapToObj(i -> Network.dataAddress(i % zones, FIRST_HOST + i / zones)).toList();
        String voters = IntStream.range(0, addresses.size())
                .mapToObj(i -> (i + 1) + "@" + addresses.get(i) + ":" + Ports.KAFKA_CONTROLLER)
                .collect(Collectors.joining(","));
        String clusterId = clusterId(stackName);
        for (int i = 0; i < args.kafkaBrokers(); i++) {
            int zone = i % zones;
            String userData = new UserData()
                    .put("KAFKA_NODE_ID", i + 1)
                    .put("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .put("KAFKA_ADVERTISED_HOST", addresses.get(i))
                    .put("KAFKA_CLUSTER_ID", clusterId)
                    .put("AVAILABILITY_ZONE", network.zones.get(zone))
                    .render();
            brokers.add(DataNode.create(network, new DataNode.Spec("kafka-" + (i + 1), "kafka", args.ami("kafka"),
                    args.instanceType("kafka"), zone, addresses.get(i), groups.kafka, profile, userData,
                    Optional.of(args.kafkaVolumeGb()))));
        }
    }

    String bootstrapServers() {
        return addresses.stream().map(a -> a + ":" + Ports.KAFKA).collect(Collectors.joining(","));
    }

    /** A stable cluster id per stack (Kafka wants 16 bytes, URL-safe base64 without padding). */
    static String clusterId(String stackName) {
        UUID uuid = UUID.nameUUIDFromBytes(("streamrec-kafka-" + stackName).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
