package io.streamrec.common.random;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 1..n with probability proportional to 1 / rank^exponent, as item popularity is in real shops: the
 * demo traffic and the benchmarks draw their items from it.
 */
public final class ZipfSampler {
    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one rank, not " + n);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A rank in 1..n. */
    public int sample(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        // the normalised sum may end a rounding error below 1: a draw above it is the last rank
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1) + 1;
    }
}
