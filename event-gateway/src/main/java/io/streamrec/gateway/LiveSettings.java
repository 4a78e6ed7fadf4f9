package io.streamrec.gateway;

import io.streamrec.schemas.InteractionType;

import java.util.EnumSet;
import java.util.Set;

/**
 * The settings that may change while the gateway runs (from etcd, see {@link LiveConfig}); every request reads the
 * current ones.
 *
 * @param allowedOrigins origins whose pages may send events
 * @param rateLimit      per client IP, for browser requests
 * @param acceptedTypes  event types taken; others are rejected as invalid events
 * @param maintenance    when on, every event request gets 503 with {@code Retry-After}
 */
record LiveSettings(OriginAllowlist allowedOrigins, RateLimit rateLimit, Set<InteractionType> acceptedTypes,
                    boolean maintenance) {

    LiveSettings {
        acceptedTypes = Set.copyOf(acceptedTypes);
    }

    /** Every origin allowed, every type accepted, a generous limit: for tests of other concerns. */
    static LiveSettings permissive() {
        return new LiveSettings(OriginAllowlist.parse(Set.of(OriginAllowlist.ANY)), new RateLimit(1000, 1000),
                EnumSet.allOf(InteractionType.class), false);
    }
}
