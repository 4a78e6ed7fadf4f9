package io.streamrec.cli;

import io.etcd.jetcd.Client;
import io.streamrec.cli.replay.GroupReplay;
import io.streamrec.cli.replay.Position;
import io.streamrec.cli.replay.RegisteredInstances;
import io.streamrec.cli.replay.ReplayPlan;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.processor.ProcessorConfig;
import io.streamrec.processor.StreamProcessor;
import io.streamrec.schemas.Topics;
import io.streamrec.sink.GraphSink;
import io.streamrec.sink.SinkConfig;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild the processor's state or the graph from the retained topics.",
                "The processor's state is rebuilt from interactions, the graph from user-item-edges.",
                "Like kafka-streams-application-reset, it moves the target's consumer group to --from",
                "(for the processor it also deletes its internal topics and local state), then runs the target here",
                "until it has committed everything up to --to, with progress, and stops it. --to ends the run, it does",
                "not filter: the target consumes while it runs and may commit some records past --to (each is still",
                "processed once); the rest are processed by the service when it starts again.",
                "It refuses while the target is running (live members in its consumer group, or an instance",
                "registered in etcd); --dry-run shows exactly what would be reset. It gives up (exit 1) when the",
                "target has not been ready for 60 s, e.g. because its consumer died.",
                "Exit codes: 0 done, 1 cannot start or the target is running, 2 usage."})
final class ReplayCommand implements Callable<Integer> {
    /** The target runs here only for the replay: reachable from this process alone, on any free port. */
    private static final Map<String, String> LOCAL_ENDPOINTS = Map.of(
            "streamrec.processor.host", "127.0.0.1", "streamrec.processor.port", "0",
            "streamrec.sink.host", "127.0.0.1", "streamrec.sink.port", "0");
    private static final Duration NOT_READY_LIMIT = Duration.ofSeconds(60);
    private static final List<String> TARGETS = List.of("processor", "sink", "all");

    @Option(names = "--from", required = true, paramLabel = "TIME|OFFSET",
            description = {"earliest, latest, an ISO-8601 time (the first record at or after it), or an offset",
                    "applied to every partition (only with --target processor or sink: the topics differ)."})
    String from;

    @Option(names = "--to", defaultValue = "latest", paramLabel = "TIME|OFFSET",
            description = "Where the replay stops, in the same forms as --from (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--target", required = true, paramLabel = "processor|sink|all",
            description = "What to rebuild: the processor, the graph sink, or both (processor first).")
    String target;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    private record Target<S extends Service & HttpEndpoint>(ReplayPlan plan, String what, S service) {
    }

    @Override
    public Integer call() throws Exception {
        Position start = position(from, "--from");
        Position end = position(to, "--to");
        if (!TARGETS.contains(target)) {
            throw new ParameterException(spec.commandLine(), "--target must be processor, sink or all; got " + target);
        }
        if (target.equals("all") && (start instanceof Position.AtOffset || end instanceof Position.AtOffset)) {
            throw new ParameterException(spec.commandLine(), "--target all replays two topics whose offsets mean"
                    + " different things: give --from and --to as a time, earliest or latest");
        }
        ProcessorConfig processor = ConfigLoader.load(ProcessorConfig.class, config.file(), LOCAL_ENDPOINTS);
        SinkConfig sink = ConfigLoader.load(SinkConfig.class, config.file(), LOCAL_ENDPOINTS);
        KafkaAdmin.awaitReachable(processor.kafka());
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = KafkaAdmin.create(processor.kafka(), "streamrec-replay")) {
            GroupReplay replay = new GroupReplay(admin);
            List<Target<?>> targets = new ArrayList<>();
            if (!target.equals("sink")) {
                String appId = processor.processor().applicationId();
                targets.add(new Target<>(replay.plan("processor", appId, Topics.INTERACTIONS.name(), start, end, appId + "-",
                        Optional.of(processor.processor().stateDir().resolve(appId))), "the processor",
                        new StreamProcessor(processor)));
            }
            if (!target.equals("processor")) {
                targets.add(new Target<>(replay.plan("sink", sink.sink().groupId(), Topics.USER_ITEM_EDGES.name(), start, end,
                        null, Optional.empty()), "the graph sink", new GraphSink(sink)));
            }
            for (Target<?> t : targets) {
                List<Integer> backwards = t.plan().endsBeforeStart();
                if (!backwards.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--to is before --from in " + t.plan().topic()
                            + " partitions " + backwards);
                }
            }
            targets.forEach(t -> out.print(t.plan().describe()));
            out.flush();
            List<String> running = running(replay, targets);
            if (dryRun) {
                running.forEach(reason -> out.println("note: a real run would refuse now: " + reason));
                out.println("dry run: nothing changed");
                return 0;
            }
            if (!running.isEmpty()) {
                throw new StartupException(String.join("; ", running) + ": stop it first, then replay");
            }
            for (Target<?> t : targets) {
                run(replay, t);
            }
        }
        return 0;
    }

    /** Why each target counts as running: live group members, or instances registered in etcd. */
    private List<String> running(GroupReplay replay, List<Target<?>> targets) {
        ToolConfig tool = config.load(ToolConfig.class);
        List<String> reasons = new ArrayList<>();
        try (Client etcd = EtcdClients.connect(tool.etcd())) {
            RegisteredInstances registry = new RegisteredInstances(etcd, Duration.ofMillis(tool.etcd().startupTimeoutMs()));
            for (Target<?> t : targets) {
                int members = replay.liveMembers(t.plan().group());
                if (members > 0) {
                    reasons.add(t.what() + " is running (consumer group " + t.plan().group() + " has " + members
                            + " live members)");
                }
                List<String> instances = registry.of(t.service().name());
                if (!instances.isEmpty()) {
                    reasons.add(t.what() + " is running (registered in etcd under " + ServiceRegistration.PREFIX
                            + t.service().name() + "/: " + String.join(", ", instances) + ")");
                }
            }
        }
        return reasons;
    }

    private void run(GroupReplay replay, Target<?> target) throws Exception {
        replay.reset(target.plan());
        try (Service service = target.service();
             ProgressBar bar = ProgressBars.builder("replay " + target.plan().target(), " offsets",
                     spec.commandLine().getErr()).setInitialMax(target.plan().offsets()).build()) {
            service.start();
            String url = "http://127.0.0.1:" + target.service().port();
            replay.awaitCommitted(target.plan(), bar::stepTo, () -> ReadinessProbe.isReady(url), NOT_READY_LIMIT);
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
