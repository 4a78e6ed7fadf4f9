package io.streamrec.processor;

import java.time.Duration;

/**
 * How long a user's unscored events wait before one scoring covers them all, for the latest of them.
 *
 * <p>A live event waits {@code live}: a burst of clicks costs one scoring for a few milliseconds of latency. An event
 * whose event time is more than {@code backfillAge} old comes from a replay, an import or a consumer catching up; only
 * the state after the last of them matters, so it waits {@code backfill}, and a user who has a thousand historical
 * events in the log is scored a handful of times instead of a thousand.
 *
 * @param live        wait for live events; zero scores each at once
 * @param backfillAge events older than this (event time against the wall clock) are backfill
 * @param backfill    wait for backfill events; zero treats them as live
 */
record Coalescing(Duration live, Duration backfillAge, Duration backfill) {
    /** Every event scored at once. */
    static final Coalescing NONE = new Coalescing(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    boolean coalescesLive() {
        return !live.isZero() && !live.isNegative();
    }

    boolean coalescesBackfill() {
        return !backfill.isZero() && !backfill.isNegative();
    }

    boolean isBackfill(long eventTimeMs, long nowMs) {
        return coalescesBackfill() && nowMs - eventTimeMs > backfillAge.toMillis();
    }
}
