package io.streamrec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's result lines: each printed as it comes, and the whole report rewritten to its file after each, so
 * that an aborted or timed-out run still leaves what it measured.
 */
public final class BenchmarkReport {
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    public BenchmarkReport(Path file) {
        this.file = file;
    }

    /** Adds a line formatted by {@link String#format} (root locale, so numbers read the same everywhere). */
    public void line(String format, Object... args) {
        add(String.format(Locale.ROOT, format, args));
    }

    /** Adds a line as it is. */
    public void add(String text) {
        System.out.println(text);
        lines.add(text);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The 1, 5 and 15 minute load averages: on a shared machine every result is read against them. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
