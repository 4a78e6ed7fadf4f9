package io.streamrec.deploy;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.core.Output;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the stack reads from its configuration (namespace {@code streamrec-deploy}); the keys, defaults and
 * meaning are documented in terraform-or-pulumi/README.md. Tests build it directly.
 *
 * @param region            the AWS region (config key {@code aws:region}); the boot scripts call its APIs
 * @param availabilityZones three (or more) zones; data nodes and app instances are spread over them in order
 * @param amis              image id per role: kafka, etcd, arangodb, app (built by packer/)
 * @param instanceTypes     instance type per role: kafka, etcd, arangodb, and each app service
 * @param kafkaBrokers      broker count, spread round-robin over the zones (each broker is also a KRaft voter)
 * @param kafkaVolumeGb     size of each broker's data volume
 * @param etcdNodes         etcd member count (odd)
 * @param arangoDbVolumeGb  size of the ArangoDB data volume
 * @param serviceCounts     instance count per service: gateway, processor, sink, push
 * @param certificateArn    ACM certificate for HTTPS on the load balancer; without it the load balancer speaks HTTP
 * @param arangoDbRootPassword ArangoDB root password (a Pulumi secret), stored in Secrets Manager
 * @param pushTokenSecret   the push service's token-signing secret (a Pulumi secret), stored in Secrets Manager
 * @param extraProperties   more {@code streamrec.*} lines appended to the services' properties (no secrets: the
 *                          parameter is plain text), e.g. {@code streamrec.processor.num-stream-threads=2}
 */
public record StackArgs(
        String region,
        List<String> availabilityZones,
        Map<String, String> amis,
        Map<String, String> instanceTypes,
        int kafkaBrokers,
        int kafkaVolumeGb,
        int etcdNodes,
        int arangoDbVolumeGb,
        Map<String, Integer> serviceCounts,
        Optional<String> certificateArn,
        Output<String> arangoDbRootPassword,
        Output<String> pushTokenSecret,
        List<String> extraProperties) {

    /** The roles that have their own image. */
    static final List<String> IMAGE_ROLES = List.of("kafka", "etcd", "arangodb", "app");

    public StackArgs {
        if (availabilityZones.size() < 3) {
            throw new IllegalArgumentException("availabilityZones needs at least 3 zones, got " + availabilityZones);
        }
        for (String role : IMAGE_ROLES) {
            if (!amis.containsKey(role)) {
                throw new IllegalArgumentException("no AMI id for " + role + " (config key " + role + "Ami)");
            }
        }
        if (kafkaBrokers < 3) {
            throw new IllegalArgumentException("kafkaBrokers must be at least 3 (replication factor 3), got " + kafkaBrokers);
        }
        if (etcdNodes < 3 || etcdNodes % 2 == 0) {
            throw new IllegalArgumentException("etcdNodes must be odd and at least 3, got " + etcdNodes);
        }
        for (String line : extraProperties) {
            if (!line.matches("streamrec\\.[A-Za-z0-9.-]+=[^\\n]*")) {
                throw new IllegalArgumentException("extraProperties: '" + line + "' is not a streamrec.key=value line");
            }
        }
        for (String service : AppTier.SERVICES) {
            if (serviceCounts.getOrDefault(service, 0) < 1) {
                throw new IllegalArgumentException(service + "Count must be at least 1");
            }
        }
    }

    /** Reads the stack configuration; missing required keys fail with Pulumi's own message naming the key. */
    public static StackArgs fromConfig(Context ctx) {
        Config config = ctx.config();
        return new StackArgs(
                ctx.config("aws").require("region"),
                Arrays.stream(config.require("availabilityZones").split(",")).map(String::trim).toList(),
                Map.of("kafka", config.require("kafkaAmi"), "etcd", config.require("etcdAmi"),
                        "arangodb", config.require("arangodbAmi"), "app", config.require("appAmi")),
                Map.of("kafka", config.get("kafkaInstanceType").orElse("m6i.large"),
                        "etcd", config.get("etcdInstanceType").orElse("t3.medium"),
                        "arangodb", config.get("arangodbInstanceType").orElse("r6i.large"),
                        "gateway", config.get("gatewayInstanceType").orElse("c6i.large"),
                        "processor", config.get("processorInstanceType").orElse("m6i.large"),
                        "sink", config.get("sinkInstanceType").orElse("c6i.large"),
                        "push", config.get("pushInstanceType").orElse("c6i.large"),
                        "registry", config.get("registryInstanceType").orElse("t3.small")),
                config.getInteger("kafkaBrokers").orElse(3),
                config.getInteger("kafkaVolumeGb").orElse(500),
                config.getInteger("etcdNodes").orElse(3),
                config.getInteger("arangodbVolumeGb").orElse(200),
                Map.of("gateway", config.getInteger("gatewayCount").orElse(2),
                        "processor", config.getInteger("processorCount").orElse(2),
                        "sink", config.getInteger("sinkCount").orElse(2),
                        "push", config.getInteger("pushCount").orElse(2)),
                config.get("certificateArn"),
                config.requireSecret("arangodbRootPassword"),
                config.requireSecret("pushTokenSecret"),
                config.get("extraProperties").map(text -> text.lines().map(String::strip)
                        .filter(line -> !line.isEmpty()).toList()).orElse(List.of()));
    }

    String ami(String role) {
        return amis.get(role);
    }

    String instanceType(String role) {
        return instanceTypes.get(role);
    }
}
