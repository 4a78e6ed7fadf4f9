package io.streamrec.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of a fixed sleep. The probe runs at once, then at growing intervals
 * (10 ms up to 200 ms). A probe that throws counts as "not yet"; its last exception is reported on timeout.
 */
public final class Poll {
    private static final long FIRST_INTERVAL_MS = 10;
    private static final long MAX_INTERVAL_MS = 200;

    private Poll() {
    }

    /**
     * Calls {@code probe} until {@code done} accepts its value and returns that value.
     *
     * @throws AssertionError when the timeout passes first, showing the last value (or exception) seen
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = FIRST_INTERVAL_MS;
        T last = null;
        RuntimeException lastFailure = null;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                last = probe.get();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            sleep(Math.min(interval, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            interval = Math.min(interval * 2, MAX_INTERVAL_MS);
        }
        String seen = lastFailure != null ? "the probe threw " + lastFailure : "the last value was " + last;
        throw new AssertionError("condition not met within " + timeout + " (" + attempts + " attempts); " + seen,
                lastFailure);
    }

    /** Waits until {@code condition} is true; {@code what} names it in the failure message. */
    public static void untilTrue(Duration timeout, BooleanSupplier condition, String what) {
        try {
            until(timeout, condition::getAsBoolean, Boolean::booleanValue);
        } catch (AssertionError e) {
            throw new AssertionError("timed out waiting for " + what + ": " + e.getMessage(), e.getCause());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
