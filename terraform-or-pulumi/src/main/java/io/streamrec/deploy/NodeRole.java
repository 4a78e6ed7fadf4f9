package io.streamrec.deploy;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The instance role of one tier: SSM Session Manager for operators (instead of SSH), plus read access to exactly the
 * secrets and parameters that tier's boot scripts fetch.
 */
final class NodeRole {

    private static final String ASSUME_EC2 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private NodeRole() {
    }

    static InstanceProfile create(String tier, List<Output<String>> secretArns, List<Output<String>> parameterArns) {
        var role = new Role(tier, RoleArgs.builder().assumeRolePolicy(ASSUME_EC2).tags(Tags.named("streamrec-" + tier)).build());
        new RolePolicyAttachment(tier + "-ssm", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore").build());
        if (!secretArns.isEmpty() || !parameterArns.isEmpty()) {
            new RolePolicy(tier + "-config", RolePolicyArgs.builder()
                    .role(role.id())
                    .policy(Output.all(secretArns).apply(secrets -> Output.all(parameterArns)
                            .applyValue(parameters -> policy(secrets, parameters))))
                    .build());
        }
        return new InstanceProfile(tier, InstanceProfileArgs.builder().role(role.name()).build());
    }

    private static String policy(List<String> secrets, List<String> parameters) {
        var statements = new StringBuilder();
        if (!secrets.isEmpty()) {
            statements.append("{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":")
                    .append(jsonList(secrets)).append('}');
        }
        if (!parameters.isEmpty()) {
            if (!statements.isEmpty()) {
                statements.append(',');
            }
            statements.append("{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameter\",\"Resource\":")
                    .append(jsonList(parameters)).append('}');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
