package io.streamrec.deploy;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;

/**
 * The secrets, in Secrets Manager under fixed names per stack so that user data can name them without holding them.
 * Their values come from Pulumi secrets in the stack config (encrypted in the Pulumi state).
 */
final class Secrets {

    final String arangoDbRootName;
    final String pushTokenName;
    final Secret arangoDbRoot;
    final Secret pushToken;

    Secrets(String stackName, StackArgs args) {
        arangoDbRootName = "streamrec/" + stackName + "/arangodb-root";
        pushTokenName = "streamrec/" + stackName + "/push-token-secret";
        arangoDbRoot = secret("arangodb-root", arangoDbRootName, "ArangoDB root password", args.arangoDbRootPassword());
        pushToken = secret("push-token-secret", pushTokenName, "HMAC secret that signs push feed tokens",
                args.pushTokenSecret());
    }

    private static Secret secret(String resourceName, String name, String description, Output<String> value) {
        var secret = new Secret(resourceName, SecretArgs.builder()
                .name(name).description(description).tags(Tags.named(name)).build());
        new SecretVersion(resourceName, SecretVersionArgs.builder()
                .secretId(secret.id()).secretString(value).build());
        return secret;
    }
}
