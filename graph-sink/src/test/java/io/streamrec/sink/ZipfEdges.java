package io.streamrec.sink;

import io.streamrec.common.random.ZipfSampler;
import io.streamrec.schemas.UserItemEdge;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * The benchmarks' edge stream: users drawn uniformly, items by Zipf popularity (item "i0" the most popular), a fixed
 * seed so that every run and every variant writes the same edges.
 */
final class ZipfEdges {
    static final double EXPONENT = 1.0;
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final int users;
    private final ZipfSampler items;
    private final Random random = new Random(42);
    private int sent;

    ZipfEdges(int users, int items) {
        this.users = users;
        this.items = new ZipfSampler(items, EXPONENT);
    }

    UserItemEdge next() {
        String user = "u" + random.nextInt(users);
        String item = "i" + (items.sample(random) - 1);
        long count = 1 + random.nextInt(5);
        UserItemEdge edge = UserItemEdge.newBuilder().setUserId(user).setItemId(item)
                .setCounts(Map.of("view", count, "purchase", count / 4)).setWeight(count * 1.5)
                .setFirstSeen(T0).setLastSeen(T0.plusSeconds(sent)).build();
        sent++;
        return edge;
    }
}
