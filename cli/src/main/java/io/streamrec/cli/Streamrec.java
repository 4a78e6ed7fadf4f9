package io.streamrec.cli;

import io.streamrec.common.lifecycle.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamrec} command: the embedded demo, each service on its own, and operator tools. */
@Command(name = "streamrec", mixinStandardHelpOptions = true, version = "streamrec " + Streamrec.VERSION,
        description = "Real-time recommendations on Kafka.",
        footer = {"", "Exit codes (each command's --help lists those it uses): 0 success; 1 cannot start or reach"
                + " something (one line says what to do); 2 usage; 3 simulate: no event accepted; 4 invalid input or"
                + " a difference found; 5 not found; 6 concurrent edit."},
        subcommands = {DemoCommand.class, GatewayCommand.class, ProcessorCommand.class, SinkCommand.class,
                PushCommand.class, RegistryCommand.class, TokenCommand.class, SimulateCommand.class,
                TopicsCommand.class, StrategyCommand.class, ExperimentsCommand.class, ImportCommand.class,
                StatusCommand.class, ReplayCommand.class})
public final class Streamrec {
    public static final String VERSION = "0.1.0";
    static final int EXIT_STARTUP_FAILED = 1;
    private static final int USAGE_WIDTH = 120;

    private Streamrec() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Streamrec's error handling: a {@link StartupException} is one line and exit code 1. */
    static CommandLine commandLine() {
        // wide enough that the commands' description lines are not broken in the middle
        return new CommandLine(new Streamrec()).setUsageHelpWidth(USAGE_WIDTH)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof StartupException) {
                        cmd.getErr().println("streamrec: " + e.getMessage());
                        return EXIT_STARTUP_FAILED;
                    }
                    throw e;
                });
    }
}
