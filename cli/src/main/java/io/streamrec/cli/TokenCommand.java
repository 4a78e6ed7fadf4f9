package io.streamrec.cli;

import io.streamrec.push.FeedTokens;
import io.streamrec.push.PushConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Issue a feed token for a user, signed with the push service's secret.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The user the token is for.")
    String user;

    @Option(names = "--ttl-seconds", paramLabel = "N", description = "Lifetime; default streamrec.push.token-ttl-seconds.")
    Long ttlSeconds;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FeedTokens.userIdProblem(user).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "--user: " + problem);
        });
        PushConfig.PushSettings settings = config.load(PushConfig.class).push();
        Duration ttl = Duration.ofSeconds(ttlSeconds != null ? ttlSeconds : settings.tokenTtlSeconds());
        System.out.println(FeedTokens.fromConfig(settings).issue(user, ttl));
        return 0;
    }
}
