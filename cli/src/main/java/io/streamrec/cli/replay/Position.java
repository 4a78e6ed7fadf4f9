package io.streamrec.cli.replay;

import org.apache.kafka.clients.admin.OffsetSpec;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A point in a topic given on the command line: {@code earliest}, {@code latest}, an ISO-8601 time (the first
 * record at or after it), or an offset applied to every partition (clamped to what the partition holds).
 */
public sealed interface Position {

    /** What to ask Kafka for per partition. */
    OffsetSpec spec();

    /** The offset in a partition holding [earliest, latest), given what Kafka answered for {@link #spec()}. */
    long resolve(long answered, long earliest, long latest);

    record Earliest() implements Position {
        public OffsetSpec spec() {
            return OffsetSpec.earliest();
        }

        public long resolve(long answered, long earliest, long latest) {
            return earliest;
        }
    }

    record Latest() implements Position {
        public OffsetSpec spec() {
            return OffsetSpec.latest();
        }

        public long resolve(long answered, long earliest, long latest) {
            return latest;
        }
    }

    record AtTime(Instant time) implements Position {
        public OffsetSpec spec() {
            return OffsetSpec.forTimestamp(time.toEpochMilli());
        }

        /** Kafka answers -1 when every record is older: then the position is the end. */
        public long resolve(long answered, long earliest, long latest) {
            return answered < 0 ? latest : answered;
        }
    }

    record AtOffset(long offset) implements Position {
        public OffsetSpec spec() {
            return OffsetSpec.latest();
        }

        public long resolve(long answered, long earliest, long latest) {
            return Math.max(earliest, Math.min(offset, latest));
        }
    }

    static Position parse(String text) {
        if (text.equalsIgnoreCase("earliest")) {
            return new Earliest();
        }
        if (text.equalsIgnoreCase("latest")) {
            return new Latest();
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return new AtOffset(Long.parseLong(text));
        }
        try {
            return new AtTime(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected earliest, latest, an offset or an ISO-8601 time"
                    + " such as 2026-11-23T10:00:00Z; got \"" + text + "\"");
        }
    }
}
