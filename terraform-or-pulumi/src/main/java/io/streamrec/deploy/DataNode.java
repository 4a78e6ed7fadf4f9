package io.streamrec.deploy;

import com.pulumi.aws.ebs.Volume;
import com.pulumi.aws.ebs.VolumeArgs;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.VolumeAttachment;
import com.pulumi.aws.ec2.VolumeAttachmentArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.iam.InstanceProfile;

import java.util.List;
import java.util.Optional;

/**
 * One stateful node in a private data subnet, at a fixed address, with no public address. Its data volume is a
 * separate resource attached as /dev/sdf (/dev/nvme1n1 on Nitro, the images' default DATA_DEVICE), so replacing the
 * instance (a new AMI) re-attaches the same data.
 */
final class DataNode {

    static final String DATA_DEVICE_NAME = "/dev/sdf";

    private DataNode() {
    }

    record Spec(String name, String role, String ami, String instanceType, int zone, String address,
                SecurityGroup group, InstanceProfile profile, String userData, Optional<Integer> volumeGb) {
    }

    static Instance create(Network network, Spec spec) {
        var instance = new Instance(spec.name(), InstanceArgs.builder()
                .ami(spec.ami())
                .instanceType(spec.instanceType())
                .subnetId(network.dataSubnets.get(spec.zone()).id())
                .privateIp(spec.address())
                .associatePublicIpAddress(false)
                .vpcSecurityGroupIds(spec.group().id().applyValue(List::of))
                .iamInstanceProfile(spec.profile().name())
                .userData(spec.userData())
                .metadataOptions(InstanceMetadataOptionsArgs.builder().httpTokens("required").build())
                .tags(Tags.role("streamrec-" + spec.name(), spec.role()))
                .build());
        spec.volumeGb().ifPresent(size -> {
            var volume = new Volume(spec.name() + "-data", VolumeArgs.builder()
                    .availabilityZone(network.zones.get(spec.zone()))
                    .size(size)
                    .type("gp3")
                    .encrypted(true)
                    .tags(Tags.role("streamrec-" + spec.name() + "-data", spec.role()))
                    .build());
            new VolumeAttachment(spec.name() + "-data", VolumeAttachmentArgs.builder()
                    .deviceName(DATA_DEVICE_NAME).volumeId(volume.id()).instanceId(instance.id()).build());
        });
        return instance;
    }
}
