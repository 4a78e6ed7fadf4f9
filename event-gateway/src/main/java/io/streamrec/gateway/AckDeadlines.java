package io.streamrec.gateway;

import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives up on requests whose acknowledgements take longer than the timeout. One thread looks at the waiting requests
 * every {@link #SWEEP_INTERVAL}, dropping the answered ones and timing out the overdue ones, so a request may wait up
 * to one interval longer than the timeout. Not {@code CompletableFuture.orTimeout}: it schedules a task per request
 * under the shared timer's lock on the IO thread and cancels it under the same lock on the producer's network thread,
 * about a microsecond per request, several percent of a single-event request's cost.
 */
final class AckDeadlines implements AutoCloseable {
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(50);

    /** A request waiting for its acknowledgements. */
    interface Waiting {
        /** When it started waiting, in {@link System#nanoTime()}. */
        long startNanos();

        boolean answered();

        /** Answers it as timed out; must be harmless if it was answered meanwhile. */
        void timeOut();
    }

    private final long timeoutNanos;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "streamrec-gateway-ack-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    AckDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void watch(Waiting request) {
        waiting.add(request);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Waiting> requests = waiting.iterator(); requests.hasNext(); ) {
            Waiting request = requests.next();
            if (request.answered()) {
                requests.remove();
            } else if (now - request.startNanos() >= timeoutNanos) {
                requests.remove();
                request.timeOut();
            }
        }
    }

    /** Stops watching; requests still waiting are answered by whoever closes their source (the producer). */
    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
