package io.streamrec.deploy;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.core.Output;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Streamrec services on the app image, one auto scaling group per service over the private app subnets (the
 * gateway and push groups registered with their target groups and replaced when the load balancer finds them
 * unhealthy), plus the single schema registry at a fixed address (the embedded registry assumes one writer).
 */
final class AppTier {

    static final List<String> SERVICES = List.of("gateway", "processor", "sink", "push");
    static final String REGISTRY_ADDRESS = Network.appAddress(0, 50);

    final Map<String, Group> groups = new LinkedHashMap<>();
    final Instance registry;

    AppTier(StackArgs args, Network network, SecurityGroups securityGroups, InstanceProfile profile, Secrets secrets,
            ServiceProperties properties, PublicEntry entry) {
        Map<String, Optional<TargetGroup>> targets = Map.of(
                "gateway", Optional.of(entry.gateway), "push", Optional.of(entry.push),
                "processor", Optional.empty(), "sink", Optional.empty());
        for (String service : SERVICES) {
            var template = new LaunchTemplate(service, LaunchTemplateArgs.builder()
                    .imageId(args.ami("app"))
                    .instanceType(args.instanceType(service))
                    .vpcSecurityGroupIds(securityGroups.app.id().applyValue(List::of))
                    .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().name(profile.name()).build())
                    .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder().httpTokens("required").build())
                    .userData(base64(userData(args.region(), service, secrets, properties)))
                    .tags(Tags.role("streamrec-" + service, service))
                    .build());
            int count = args.serviceCounts().get(service);
            var group = GroupArgs.builder()
                    .vpcZoneIdentifiers(Output.all(network.ids(network.appSubnets)))
                    .minSize(count)
                    .desiredCapacity(count)
                    .maxSize(count * 3)
                    .launchTemplate(GroupLaunchTemplateArgs.builder()
                            .id(template.id()).version(template.latestVersion().applyValue(String::valueOf)).build())
                    .tags(GroupTagArgs.builder().key("Name").value("streamrec-" + service)
                            .propagateAtLaunch(true).build());
            targets.get(service).ifPresent(target -> group
                    .targetGroupArns(target.arn().applyValue(List::of))
                    .healthCheckType("ELB")
                    .healthCheckGracePeriod(180));
            groups.put(service, new Group(service, group.build()));
        }
        registry = new Instance("registry", InstanceArgs.builder()
                .ami(args.ami("app"))
                .instanceType(args.instanceType("registry"))
                .subnetId(network.appSubnets.get(0).id())
                .privateIp(REGISTRY_ADDRESS)
                .associatePublicIpAddress(false)
                .vpcSecurityGroupIds(securityGroups.app.id().applyValue(List::of))
                .iamInstanceProfile(profile.name())
                .metadataOptions(InstanceMetadataOptionsArgs.builder().httpTokens("required").build())
                .userData(userData(args.region(), "registry", secrets, properties))
                .tags(Tags.role("streamrec-registry", "registry"))
                .build());
    }

    /** What packer/files/bin/streamrec-configure reads: where the config is, which secrets become which variables. */
    static String userData(String region, String service, Secrets secrets, ServiceProperties properties) {
        var secretVariables = switch (service) {
            case "push" -> "STREAMREC_PUSH_TOKEN_SECRET=" + secrets.pushTokenName;
            case "sink" -> "STREAMREC_SINK_ARANGODB_PASSWORD=" + secrets.arangoDbRootName;
            default -> "";
        };
        return new UserData()
                .put("AWS_REGION", region)
                .put("CONFIG_PARAMETER", properties.name)
                .put("SERVICES", service)
                .put("SECRETS", secretVariables)
                // half of a large instance's 4 GiB; the rest is page cache, off-heap buffers and RocksDB (processor)
                .put("JAVA_HEAP", service.equals("registry") ? "512m" : "2g")
                .render();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
