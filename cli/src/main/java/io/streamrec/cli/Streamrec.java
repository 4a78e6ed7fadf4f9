package io.streamrec.cli;

import io.streamrec.common.lifecycle.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamrec} command: the embedded demo, each service on its own, and operator tools. */
@Command(name = "streamrec", mixinStandardHelpOptions = true, version = "streamrec " + Streamrec.VERSION,
        description = "Real-time recommendations on Kafka.",
        subcommands = {DemoCommand.class, GatewayCommand.class, ProcessorCommand.class, SinkCommand.class,
                PushCommand.class, RegistryCommand.class, TokenCommand.class, SimulateCommand.class,
                TopicsCommand.class, StrategyCommand.class, ExperimentsCommand.class, ImportCommand.class,
                StatusCommand.class, ReplayCommand.class})
public final class Streamrec {
    public static final String VERSION = "0.1.0";
    static final int EXIT_STARTUP_FAILED = 1;

    private Streamrec() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Streamrec's error handling: a {@link StartupException} is one line and exit code 1. */
    static CommandLine commandLine() {
        return new CommandLine(new Streamrec())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof StartupException) {
                        cmd.getErr().println("streamrec: " + e.getMessage());
                        return EXIT_STARTUP_FAILED;
                    }
                    throw e;
                });
    }
}
