package io.streamrec.sink.store;

import java.time.Instant;
import java.util.Map;

/** One stored user–item edge as readers see it. */
public record EdgeView(String userId, String itemId, Map<String, Long> counts, double weight,
                       Instant firstSeen, Instant lastSeen) {

    public EdgeView {
        counts = Map.copyOf(counts);
    }
}
