package io.streamrec.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * One Bucket4j token bucket per client IP, with the current {@link RateLimit}. When the limit changes, every client
 * starts over with a full bucket of the new size. Memory stays bounded: once many clients are tracked, the buckets
 * that have refilled completely (clients idle for a while) are dropped, since a new full bucket is the same thing.
 */
final class ClientRateLimiter {
    private static final int MIN_SWEEP_THRESHOLD = 10_000;

    private final Supplier<RateLimit> limit;
    private volatile Buckets buckets;
    private volatile int sweepThreshold = MIN_SWEEP_THRESHOLD;

    ClientRateLimiter(Supplier<RateLimit> limit) {
        this.limit = limit;
        this.buckets = new Buckets(limit.get(), new ConcurrentHashMap<>());
    }

    /** @return 0 when the request may pass, else the nanoseconds until the client may send again */
    long tryAcquire(String clientIp) {
        Buckets current = current();
        if (current.byClient().size() > sweepThreshold) {
            sweep(current);
        }
        ConsumptionProbe probe = current.byClient().computeIfAbsent(clientIp, ip -> newBucket(current.limit()))
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private Buckets current() {
        RateLimit now = limit.get();
        Buckets current = buckets;
        if (!current.limit().equals(now)) {
            synchronized (this) {
                if (!buckets.limit().equals(now)) {
                    buckets = new Buckets(now, new ConcurrentHashMap<>());
                }
                current = buckets;
            }
        }
        return current;
    }

    private synchronized void sweep(Buckets current) {
        if (current.byClient().size() <= sweepThreshold) {
            return;
        }
        long capacity = current.limit().burst();
        current.byClient().values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
        sweepThreshold = Math.max(MIN_SWEEP_THRESHOLD, current.byClient().size() * 2);
    }

    private static Bucket newBucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    int trackedClients() {
        return buckets.byClient().size();
    }

    private record Buckets(RateLimit limit, ConcurrentMap<String, Bucket> byClient) {
    }
}
