package io.streamrec.deploy;

import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** With a certificate in the config the load balancer serves HTTPS, redirects HTTP, and the feed rule is on HTTPS. */
class PublicEntryHttpsTest {

    private static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";

    @AfterAll
    static void cleanUp() {
        PulumiTest.cleanup();
    }

    @Test
    void httpsWithACertificateAndHttpRedirects() {
        var base = StreamrecStackTest.args(3);
        var args = new StackArgs(base.region(), base.availabilityZones(), base.amis(), base.instanceTypes(), 3, 500, 3,
                200, base.serviceCounts(), Optional.of(CERTIFICATE), base.arangoDbRootPassword(), base.pushTokenSecret(), List.of());
        TestResult result = PulumiTest.withMocks(new DeployMocks())
                .withOptions(TestOptions.builder().projectName("streamrec-deploy").stackName("test").build())
                .runTest(ctx -> StreamrecStack.stack(ctx, args));
        assertThat(result.exceptions()).isEmpty();

        Map<String, Listener> listeners = result.resources().stream().filter(Listener.class::isInstance)
                .map(Listener.class::cast).collect(Collectors.toMap(Resource::pulumiResourceName, Function.identity()));
        assertThat(listeners).containsOnlyKeys("https", "http");
        Listener https = listeners.get("https");
        assertThat(value(https.port())).contains(443);
        assertThat(value(https.protocol())).isEqualTo("HTTPS");
        assertThat(value(https.certificateArn())).contains(CERTIFICATE);
        var redirect = value(listeners.get("http").defaultActions()).get(0);
        assertThat(redirect.type()).isEqualTo("redirect");
        assertThat(redirect.redirect().orElseThrow().protocol()).contains("HTTPS");

        ListenerRule feed = result.resources().stream().filter(ListenerRule.class::isInstance)
                .map(ListenerRule.class::cast).findFirst().orElseThrow();
        assertThat(value(feed.listenerArn())).isEqualTo(value(https.arn()));
    }

    private static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }
}
