package io.streamrec.deploy;

import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.ListenerRuleArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionPathPatternArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;

import java.util.List;

/**
 * The public entry: one application load balancer in the public subnets. {@code /v1/feed*} (the WebSocket feed; an
 * ALB passes the Upgrade through) goes to the push service, everything else to the gateway. Both target groups
 * check {@code /health/ready}, so an instance that lost Kafka stops receiving traffic. With a certificate the
 * load balancer serves HTTPS and redirects HTTP; without one it serves HTTP only (for a first test stack).
 */
final class PublicEntry {

    static final String HEALTH_PATH = "/health/ready";
    static final String FEED_PATH = "/v1/feed*";
    /** Above twice the push service's 20 s ping interval, so an idle but healthy socket is never cut. */
    static final int IDLE_TIMEOUT_SECONDS = 120;

    final LoadBalancer loadBalancer;
    final TargetGroup gateway;
    final TargetGroup push;

    PublicEntry(StackArgs args, Network network, SecurityGroups groups) {
        loadBalancer = new LoadBalancer("streamrec", LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(false)
                .subnets(Output.all(network.ids(network.publicSubnets)))
                .securityGroups(groups.loadBalancer.id().applyValue(List::of))
                .idleTimeout(IDLE_TIMEOUT_SECONDS)
                .dropInvalidHeaderFields(true)
                .tags(Tags.named("streamrec"))
                .build());
        gateway = targetGroup("gateway", Ports.GATEWAY, network, 30);
        // a draining push instance closes its sockets and the clients reconnect elsewhere
        push = targetGroup("push", Ports.PUSH, network, 60);

        Listener front;
        if (args.certificateArn().isPresent()) {
            front = new Listener("https", ListenerArgs.builder()
                    .loadBalancerArn(loadBalancer.arn()).port(Ports.HTTPS).protocol("HTTPS")
                    .sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                    .certificateArn(args.certificateArn().get())
                    .defaultActions(forward(gateway))
                    .build());
            new Listener("http", ListenerArgs.builder()
                    .loadBalancerArn(loadBalancer.arn()).port(Ports.HTTP).protocol("HTTP")
                    .defaultActions(ListenerDefaultActionArgs.builder().type("redirect")
                            .redirect(ListenerDefaultActionRedirectArgs.builder()
                                    .protocol("HTTPS").port(String.valueOf(Ports.HTTPS)).statusCode("HTTP_301").build())
                            .build())
                    .build());
        } else {
            front = new Listener("http", ListenerArgs.builder()
                    .loadBalancerArn(loadBalancer.arn()).port(Ports.HTTP).protocol("HTTP")
                    .defaultActions(forward(gateway))
                    .build());
        }
        new ListenerRule("feed", ListenerRuleArgs.builder()
                .listenerArn(front.arn())
                .priority(10)
                .conditions(ListenerRuleConditionArgs.builder()
                        .pathPattern(ListenerRuleConditionPathPatternArgs.builder().values(FEED_PATH).build())
                        .build())
                .actions(ListenerRuleActionArgs.builder().type("forward").targetGroupArn(push.arn()).build())
                .build());
    }

    private static TargetGroup targetGroup(String name, int port, Network network, int deregistrationDelay) {
        return new TargetGroup(name, TargetGroupArgs.builder()
                .vpcId(network.vpc.id())
                .port(port)
                .protocol("HTTP")
                .targetType("instance")
                .deregistrationDelay(deregistrationDelay)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .path(HEALTH_PATH).port(String.valueOf(port)).protocol("HTTP").matcher("200")
                        .interval(10).healthyThreshold(2).unhealthyThreshold(3).build())
                .tags(Tags.named("streamrec-" + name))
                .build());
    }

    private static ListenerDefaultActionArgs forward(TargetGroup target) {
        return ListenerDefaultActionArgs.builder().type("forward").targetGroupArn(target.arn()).build();
    }
}
