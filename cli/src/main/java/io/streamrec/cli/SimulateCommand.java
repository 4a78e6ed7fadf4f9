package io.streamrec.cli;

import io.streamrec.cli.traffic.Catalogue;
import io.streamrec.cli.traffic.TrafficGenerator;
import io.streamrec.common.lifecycle.StartupException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Send synthetic shoppers' events through the gateway's HTTP API.",
                "Zipf item popularity; sessions of views with some clicks, carts and purchases (view -> click -> cart",
                "-> purchase funnels). Runs until Ctrl-C or --duration with a progress bar of the accepted events",
                "(on stderr; one line every 5 s when not a terminal), then prints the final counts.",
                "Exit codes: 0 events were accepted, 1 the catalogue cannot be written, 2 usage,",
                "3 none was accepted (gateway down or refusing). Stopped by a signal, it prints the final counts",
                "and the JVM ends with the signal's status (130 for Ctrl-C, 143 for SIGTERM)."})
final class SimulateCommand implements Callable<Integer> {
    static final int EXIT_NOTHING_ACCEPTED = 3;
    /** How often the bar reads the counters; it redraws at its own pace. */
    private static final long READ_COUNTS_EVERY_MS = 250;

    @Option(names = "--users", defaultValue = "1000", description = "Simulated users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "500", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--rate", defaultValue = "20", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--gateway", defaultValue = "${env:STREAMREC_GATEWAY_URL:-http://localhost:8080}",
            description = "Gateway base URL (default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed, for repeatable traffic.")
    long seed;

    @Option(names = "--catalogue", paramLabel = "FILE",
            description = {"Also write the items' names to FILE, in the format of the push service's",
                    "streamrec.push.catalog-file, so the live page shows names for the simulated items."})
    Path catalogue;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (users < 1 || items < 1 || !(rate > 0) || durationSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--users, --items and --rate must be positive and --duration not negative");
        }
        if (catalogue != null) {
            writeCatalogue();
        }
        TrafficGenerator traffic = new TrafficGenerator(gateway, users, items, rate, seed);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // on Ctrl-C, the JVM exits once hooks return: wait until the final counts are printed
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            awaitQuietly(finished);
        }));
        try {
            traffic.start();
            long deadline = durationSeconds == 0 ? Long.MAX_VALUE
                    : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            try (ProgressBar bar = progressBar()) {
                while (System.nanoTime() < deadline && !stop.await(Math.min(READ_COUNTS_EVERY_MS,
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                    show(bar, traffic.stats());
                }
                traffic.close();
                show(bar, traffic.stats());
            }
            TrafficGenerator.Stats stats = traffic.stats();
            report(stats);
            return stats.accepted() > 0 ? 0 : EXIT_NOTHING_ACCEPTED;
        } finally {
            finished.countDown();
        }
    }

    /** Out of the expected events with --duration; without, an open-ended count. */
    private ProgressBar progressBar() {
        ProgressBarBuilder bar = ProgressBars.builder("simulate", " events", spec.commandLine().getErr());
        return durationSeconds > 0
                ? bar.setInitialMax(Math.max(1, Math.round(rate * durationSeconds))).build()
                : bar.hideEta().build();
    }

    private static void show(ProgressBar bar, TrafficGenerator.Stats stats) {
        bar.stepTo(stats.accepted());
        // what did not get through, so that a refusing or busy gateway shows before the end
        List<String> problems = new ArrayList<>();
        if (stats.rejected() > 0) {
            problems.add("rejected " + stats.rejected());
        }
        if (stats.failed() > 0) {
            problems.add("failed " + stats.failed());
        }
        if (stats.skipped() > 0) {
            problems.add("skipped " + stats.skipped());
        }
        bar.setExtraMessage(problems.isEmpty() ? "" : " " + String.join(", ", problems));
    }

    private void writeCatalogue() {
        try {
            new Catalogue(items).writeJson(catalogue);
        } catch (IOException e) {
            throw new StartupException("cannot write the catalogue " + catalogue + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("wrote the names of %d items to %s%n", items, catalogue);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(TrafficGenerator.Stats stats) {
        spec.commandLine().getOut().printf("accepted %d, rejected %d, failed %d, skipped (gateway busy) %d%n",
                stats.accepted(), stats.rejected(), stats.failed(), stats.skipped());
        spec.commandLine().getOut().flush();
    }
}
