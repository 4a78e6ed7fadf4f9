package io.streamrec.cli.importer;

import io.streamrec.schemas.Interaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a first pass over an import file learns before anything is sent: how many lines it has (for the progress bar)
 * and its oldest event time (for the retention check). Lines that do not parse are left to the import, which reports
 * them with their numbers.
 */
public record FileSurvey(long lines, Optional<Instant> oldestEvent) {

    /** Counts the lines only: for an import whose record timestamps do not come from the events. */
    public static FileSurvey lines(Path file) throws IOException {
        return scan(file, line -> null);
    }

    /** Counts the lines and parses each for its event time. */
    public static FileSurvey withOldestEvent(Path file, ImportFormat format) throws IOException {
        return scan(file, line -> eventTime(format, line));
    }

    private static FileSurvey scan(Path file, Function<String, Instant> timeOf) throws IOException {
        long lines = 0;
        Instant oldest = null;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                Instant time = timeOf.apply(line);
                if (time != null && (oldest == null || time.isBefore(oldest))) {
                    oldest = time;
                }
            }
        }
        return new FileSurvey(lines, Optional.ofNullable(oldest));
    }

    private static Instant eventTime(ImportFormat format, String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return format.parse(line).map(Interaction::getEventTime).orElse(null);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }
}
