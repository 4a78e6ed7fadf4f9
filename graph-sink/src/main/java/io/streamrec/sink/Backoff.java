package io.streamrec.sink;

import java.time.Duration;

/** Exponential retry delays: doubling from {@code initial} up to {@code max}, back to {@code initial} on success. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration current;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration nextDelay() {
        Duration delay = current;
        failures++;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** Consecutive failures since the last success. */
    int failures() {
        return failures;
    }

    void reset() {
        current = initial;
        failures = 0;
    }
}
