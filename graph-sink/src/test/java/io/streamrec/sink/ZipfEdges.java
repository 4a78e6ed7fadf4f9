package io.streamrec.sink;

import io.streamrec.schemas.UserItemEdge;

import java.time.Instant;
import java.util.Arrays;
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
    private final double[] cumulative;
    private final Random random = new Random(42);
    private int sent;

    ZipfEdges(int users, int items) {
        this.users = users;
        this.cumulative = zipfCumulative(items, EXPONENT);
    }

    UserItemEdge next() {
        String user = "u" + random.nextInt(users);
        String item = "i" + zipfRank(random.nextDouble());
        long count = 1 + random.nextInt(5);
        UserItemEdge edge = UserItemEdge.newBuilder().setUserId(user).setItemId(item)
                .setCounts(Map.of("view", count, "purchase", count / 4)).setWeight(count * 1.5)
                .setFirstSeen(T0).setLastSeen(T0.plusSeconds(sent)).build();
        sent++;
        return edge;
    }

    private static double[] zipfCumulative(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** Zero-based rank. */
    private int zipfRank(double uniform) {
        int index = Arrays.binarySearch(cumulative, uniform);
        return index >= 0 ? index : Math.min(cumulative.length - 1, -index - 1);
    }
}
