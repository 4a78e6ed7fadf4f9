package io.streamrec.cli;

import io.streamrec.cli.replay.GroupReplay;
import io.streamrec.cli.replay.Position;
import io.streamrec.cli.replay.ReplayPlan;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.processor.ProcessorConfig;
import io.streamrec.processor.StreamProcessor;
import io.streamrec.schemas.Topics;
import io.streamrec.sink.GraphSink;
import io.streamrec.sink.SinkConfig;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild from retained topics: the processor's state from interactions, or the graph from",
                "user-item-edges. Like kafka-streams-application-reset, it moves the target's consumer group to --from",
                "(for the processor it also deletes its internal topics and local state), then runs the target here",
                "until it has committed everything up to --to, with progress. Records after --to are left for the",
                "service. It refuses while the target is running; --dry-run shows exactly what would be reset.",
                "Exit codes: 0 done, 1 cannot start or the target is running, 2 usage."})
final class ReplayCommand implements Callable<Integer> {
    private static final Map<String, String> EPHEMERAL_PORTS = Map.of(
            "streamrec.processor.port", "0", "streamrec.sink.port", "0");

    @Option(names = "--from", required = true, paramLabel = "TIME|OFFSET",
            description = "earliest, latest, an offset, or an ISO-8601 time.")
    String from;

    @Option(names = "--to", defaultValue = "latest", paramLabel = "TIME|OFFSET",
            description = "Where the replay ends (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--target", required = true, paramLabel = "processor|sink|all")
    String target;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    private record Target(ReplayPlan plan, String what, Service service) {
    }

    @Override
    public Integer call() throws Exception {
        Position start = position(from, "--from");
        Position end = position(to, "--to");
        if (!List.of("processor", "sink", "all").contains(target)) {
            throw new ParameterException(spec.commandLine(), "--target must be processor, sink or all; got " + target);
        }
        ProcessorConfig processor = ConfigLoader.load(ProcessorConfig.class, config.file(), EPHEMERAL_PORTS);
        SinkConfig sink = ConfigLoader.load(SinkConfig.class, config.file(), EPHEMERAL_PORTS);
        KafkaAdmin.awaitReachable(processor.kafka());
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = KafkaAdmin.create(processor.kafka(), "streamrec-replay")) {
            GroupReplay replay = new GroupReplay(admin);
            List<Target> targets = new ArrayList<>();
            if (!target.equals("sink")) {
                String appId = processor.processor().applicationId();
                targets.add(new Target(replay.plan("processor", appId, Topics.INTERACTIONS.name(), start, end, appId + "-",
                        Optional.of(processor.processor().stateDir().resolve(appId))), "the processor",
                        new StreamProcessor(processor)));
            }
            if (!target.equals("processor")) {
                targets.add(new Target(replay.plan("sink", sink.sink().groupId(), Topics.USER_ITEM_EDGES.name(), start, end,
                        null, Optional.empty()), "the graph sink", new GraphSink(sink)));
            }
            targets.forEach(t -> out.print(t.plan().describe()));
            out.flush();
            if (dryRun) {
                out.println("dry run: nothing changed");
                return 0;
            }
            for (Target t : targets) {
                replay.refuseIfRunning(t.plan().group(), t.what());
            }
            for (Target t : targets) {
                run(replay, t);
            }
        }
        return 0;
    }

    private void run(GroupReplay replay, Target target) throws Exception {
        replay.reset(target.plan());
        try (Service service = target.service();
             ProgressBar bar = new ProgressBarBuilder().setTaskName("replay " + target.plan().target())
                     .setInitialMax(target.plan().offsets()).setStyle(ProgressBarStyle.ASCII).setUnit(" offsets", 1)
                     .showSpeed().setUpdateIntervalMillis(250).build()) {
            service.start();
            replay.awaitCommitted(target.plan(), bar::stepTo);
        }
        spec.commandLine().getOut().printf("replayed %d offsets into %s%n", target.plan().offsets(), target.what());
    }

    private Position position(String text, String option) {
        try {
            return Position.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
