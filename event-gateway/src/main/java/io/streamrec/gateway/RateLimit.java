package io.streamrec.gateway;

/**
 * A token bucket per client IP: {@code perSecond} requests sustained, up to {@code burst} at once.
 *
 * @param perSecond tokens added per second
 * @param burst     the bucket's capacity
 */
record RateLimit(int perSecond, int burst) {
    RateLimit {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate limits must be positive, got " + perSecond + "/s with a burst of "
                    + burst);
        }
    }
}
