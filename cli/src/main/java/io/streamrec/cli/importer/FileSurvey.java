package io.streamrec.cli.importer;

import io.streamrec.schemas.Interaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a first pass over an import file learns before anything is sent: how many lines it has (for the progress bar)
 * and its oldest event time (for the retention check). Lines that do not parse are left to the import, which reports
 * them with their numbers.
 */
public record FileSurvey(long lines, Optional<Instant> oldestEvent) {

    public static FileSurvey of(Path file, ImportFormat format) throws IOException {
        long lines = 0;
        Instant oldest = null;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                Instant time = eventTime(format, line);
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
