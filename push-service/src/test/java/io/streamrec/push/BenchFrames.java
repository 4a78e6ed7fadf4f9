package io.streamrec.push;

import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The update both benchmark servers send: ten items with two sources each, about 900 bytes of JSON. */
final class BenchFrames {
    private BenchFrames() {
    }

    static Recommendations sample(String userId, Instant triggerEventTime) {
        List<RecommendedItem> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(RecommendedItem.newBuilder().setItemId("item-" + i).setScore(1.0 / i)
                    .setSources(Map.of("similar", 0.6 / i, "popular", 0.4 / i)).build());
        }
        return Recommendations.newBuilder().setUserId(userId).setItems(items)
                .setStrategy("bench").setStrategyVersion(1).setExperimentGroup("A")
                .setGeneratedAt(triggerEventTime).setTriggerEventId("bench-event")
                .setTriggerEventTime(triggerEventTime).build();
    }

    /** The raw server's frame: the same encoder and shape as the push service's, encoded once per broadcast. */
    static String frame(long seq, long nowMillis) {
        return FeedMessages.recommendations(seq, sample("broadcast", Instant.ofEpochMilli(nowMillis)));
    }
}
