package io.streamrec.processor;

import java.time.Duration;

/**
 * How the processor treats backfill: events whose event time is more than {@code age} before the wall clock, which
 * come from an import, a replay or a processor catching up, rather than from a user who is on the site now.
 *
 * <p>Only the state after the last of them matters, so a user's backfill events wait {@code coalesce} (wall clock)
 * for one scoring instead of one each. And an import that is run again must not count twice: their eventIds are
 * remembered for {@code dedupWindow} of processing time, whatever their event time, where a live event's id is
 * remembered for the dedup window around its record time (a client's retry comes seconds later).
 *
 * @param age         events older than this (event time against the wall clock) are backfill
 * @param coalesce    how long a user's backfill events wait for one scoring; zero scores them like live events
 * @param dedupWindow how long (processing time) the eventIds of backfill events are remembered
 */
record Backfill(Duration age, Duration coalesce, Duration dedupWindow) {

    boolean includes(long eventTimeMs, long nowMs) {
        return nowMs - eventTimeMs > age.toMillis();
    }

    boolean coalesces() {
        return !coalesce.isZero() && !coalesce.isNegative();
    }

    /** Whether an event of this time waits for the backfill interval rather than the live one. */
    boolean waits(long eventTimeMs, long nowMs) {
        return coalesces() && includes(eventTimeMs, nowMs);
    }
}
