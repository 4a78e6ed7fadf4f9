package io.streamrec.processor;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Decides what happens when a stream thread dies. Under exactly_once_v2 its open transaction is aborted, so a
 * replacement thread re-reads from the last commit and loses nothing: a passing fault (a broker or registry blip)
 * heals by itself. A fault that kills thread after thread (a bug, a registry gone for good) would instead loop, so
 * after {@link #MAX_FAILURES} failures within {@link #WINDOW} the client shuts down: {@code /health/ready} turns
 * DOWN and the operator sees the error logged.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    static final int MAX_FAILURES = 3;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final LongSupplier nanoTime;
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    StreamThreadFailures() {
        this(System::nanoTime);
    }

    StreamThreadFailures(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = nanoTime.getAsLong();
        while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > WINDOW.toNanos()) {
            recentFailures.removeFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() >= MAX_FAILURES) {
            log.atError().setCause(exception).addKeyValue("failures", recentFailures.size())
                    .addKeyValue("windowSeconds", WINDOW.toSeconds())
                    .log("stream threads keep failing; shutting the processor's Kafka Streams client down");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.atError().setCause(exception).addKeyValue("failures", recentFailures.size())
                .log("a stream thread failed; its transaction is aborted and a new thread resumes from the last commit");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
