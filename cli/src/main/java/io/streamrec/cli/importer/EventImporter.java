package io.streamrec.cli.importer;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Produces a file's events to {@code interactions}, keyed by user, with the event time or the import time as the
 * record timestamp ({@link RecordTimestamps}). Invalid lines are reported with their number and skipped; a failed send
 * stops the import, and everything acknowledged before it stays.
 */
public final class EventImporter {
    private static final int MAX_REPORTED_PROBLEMS = 20;

    public record Result(long imported, long invalid, List<String> problems) {
    }

    private final Producer<String, Interaction> producer;
    private final ImportFormat format;
    private final double ratePerSecond;
    private final RecordTimestamps timestamps;

    /** {@code ratePerSecond} 0 means as fast as Kafka takes them. */
    public EventImporter(Producer<String, Interaction> producer, ImportFormat format, double ratePerSecond,
                         RecordTimestamps timestamps) {
        this.producer = producer;
        this.format = format;
        this.ratePerSecond = ratePerSecond;
        this.timestamps = timestamps;
    }

    public Result run(BufferedReader lines, LongConsumer progress) throws IOException, InterruptedException {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        List<String> problems = new ArrayList<>();
        long begin = System.nanoTime();
        long lineNumber = 0;
        long imported = 0;
        long invalid = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            progress.accept(lineNumber);
            if (line.isBlank()) {
                continue;
            }
            Optional<Interaction> event;
            try {
                event = format.parse(line);
            } catch (IllegalArgumentException e) {
                invalid++;
                if (problems.size() < MAX_REPORTED_PROBLEMS) {
                    problems.add("line " + lineNumber + ": " + e.getMessage());
                }
                continue;
            }
            if (event.isEmpty()) {
                continue;
            }
            throwIfFailed(sendFailure);
            Interaction interaction = event.get();
            // a null timestamp lets the producer stamp the send time
            Long timestamp = timestamps == RecordTimestamps.EVENT ? interaction.getEventTime().toEpochMilli() : null;
            producer.send(new ProducerRecord<>(Topics.INTERACTIONS.name(), null, timestamp, interaction.getUserId(),
                            interaction),
                    (metadata, error) -> {
                        if (error != null) {
                            sendFailure.compareAndSet(null, error);
                        }
                    });
            imported++;
            pace(begin, imported);
        }
        producer.flush();
        throwIfFailed(sendFailure);
        return new Result(imported, invalid, problems);
    }

    private void pace(long beginNanos, long sent) throws InterruptedException {
        if (ratePerSecond > 0) {
            long dueNanos = beginNanos + (long) (sent / ratePerSecond * 1e9);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }

    private static void throwIfFailed(AtomicReference<Exception> failure) throws IOException {
        if (failure.get() != null) {
            throw new IOException("Kafka refused an event: " + failure.get().getMessage(), failure.get());
        }
    }
}
