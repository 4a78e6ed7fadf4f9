package io.streamrec.deploy;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.iam.InstanceProfile;

import java.util.Optional;

/**
 * ArangoDB as a single server (the documented option; the cluster layout is described in the README): one node in
 * the first zone's data subnet with its own data volume. Its root password is created at first boot from the
 * Secrets Manager secret named in the user data.
 */
final class ArangoDbServer {

    static final String ADDRESS = Network.dataAddress(0, 30);

    final Instance instance;

    ArangoDbServer(String region, StackArgs args, Network network, SecurityGroups groups, InstanceProfile profile,
                   Secrets secrets) {
        String userData = new UserData()
                .put("AWS_REGION", region)
                .put("ARANGODB_ROOT_SECRET_ID", secrets.arangoDbRootName)
                .render();
        instance = DataNode.create(network, new DataNode.Spec("arangodb", "arangodb", args.ami("arangodb"),
                args.instanceType("arangodb"), 0, ADDRESS, groups.arangodb, profile, userData,
                Optional.of(args.arangoDbVolumeGb())));
    }
}
