package io.streamrec.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestSnapshotsTest {
    private final LatestSnapshots snapshots = new LatestSnapshots();

    @Test
    void aNewerUpdateReplacesTheSnapshot() {
        snapshots.put(new FeedUpdate("u1", 3, "old"));
        snapshots.put(new FeedUpdate("u1", 7, "new"));

        assertThat(snapshots.latest("u1")).map(FeedUpdate::message).contains("new");
    }

    @Test
    void anOlderUpdateNeverReplacesANewerOne() {
        snapshots.put(new FeedUpdate("u1", 7, "new"));
        snapshots.put(new FeedUpdate("u1", 3, "old"));

        assertThat(snapshots.latest("u1")).map(FeedUpdate::message).contains("new");
    }

    @Test
    void usersAreKeptApartAndATombstoneForgetsOne() {
        snapshots.put(new FeedUpdate("u1", 1, "a"));
        snapshots.put(new FeedUpdate("u2", 2, "b"));
        snapshots.remove("u1");

        assertThat(snapshots.latest("u1")).isEmpty();
        assertThat(snapshots.latest("u2")).map(FeedUpdate::message).contains("b");
        assertThat(snapshots.size()).isEqualTo(1);
    }
}
