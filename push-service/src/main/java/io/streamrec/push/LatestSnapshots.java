package io.streamrec.push;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest update of every user, rebuilt from the compacted topic at start: what a socket receives first. Its
 * size is bounded by the number of users with recommendations.
 */
final class LatestSnapshots {
    private final Map<String, FeedUpdate> byUser = new ConcurrentHashMap<>();

    /** Keeps the update unless a newer one is already stored (a replay must never overwrite fresher state). */
    void put(FeedUpdate update) {
        byUser.merge(update.userId(), update, (current, candidate) -> candidate.isNewerThan(current.seq()) ? candidate : current);
    }

    /** Forgets the user, as a tombstone on the compacted topic asks. */
    void remove(String userId) {
        byUser.remove(userId);
    }

    Optional<FeedUpdate> latest(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    int size() {
        return byUser.size();
    }
}
