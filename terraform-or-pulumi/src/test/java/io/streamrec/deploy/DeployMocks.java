package io.streamrec.deploy;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks that echo every resource's inputs back as its state, plus the outputs AWS would compute that the
 * program reads (ARNs, names, DNS names, template versions).
 */
final class DeployMocks implements Mocks {

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = new HashMap<>(args.inputs);
        state.putIfAbsent("arn", "arn:aws:mock:eu-west-1:123456789012:" + args.type + "/" + args.name);
        state.putIfAbsent("name", args.name);
        if (args.type.equals("aws:lb/loadBalancer:LoadBalancer")) {
            state.put("dnsName", args.name + ".eu-west-1.elb.amazonaws.com");
        }
        if (args.type.equals("aws:ec2/launchTemplate:LaunchTemplate")) {
            state.put("latestVersion", 1);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }
}
