package io.streamrec.processor;

import java.util.Locale;

/**
 * How the co-occurrence count of two items becomes their similarity, as in SAR: {@code c(i,j)} users interacted with
 * both, {@code c(i)} and {@code c(j)} with each. In scoring, i is the user's history item (the row's owner) and j the
 * candidate, which matters only for the asymmetric measure.
 */
public enum SimilarityMeasure {
    /** {@code c(i,j) / (c(i) + c(j) − c(i,j))}: the share of either item's users who took both; SAR's default. */
    JACCARD {
        @Override
        double of(long both, long first, long second) {
            long either = first + second - both;
            return either <= 0 ? 0 : (double) both / either;
        }
    },
    /** {@code c(i,j) / (c(i) × c(j))}: favours rare items that go together (serendipity). */
    LIFT {
        @Override
        double of(long both, long first, long second) {
            return first <= 0 || second <= 0 ? 0 : (double) both / ((double) first * second);
        }
    },
    /** {@code c(i,j) / √(c(i) × c(j))}: between Jaccard and raw counts. */
    COSINE {
        @Override
        double of(long both, long first, long second) {
            return first <= 0 || second <= 0 ? 0 : both / Math.sqrt((double) first * second);
        }
    },
    /** {@code c(i,j)}: raw co-occurrence, which favours popular items. */
    COOCCURRENCE {
        @Override
        double of(long both, long first, long second) {
            return both;
        }
    },
    /**
     * {@code c(i,j) / (c(i)^α × c(j)^(1−α))} (Aiolli's asymmetric cosine): α = 0.5 is cosine; a larger α damps the
     * candidate's popularity less (α = 1 is the conditional probability P(j | i)), a smaller one more. Without an α
     * (neighbour selection, the similar-items API) it ranks as cosine.
     */
    ASYMMETRIC_COSINE {
        @Override
        double of(long both, long first, long second) {
            return COSINE.of(both, first, second);
        }

        @Override
        double of(long both, long first, long second, double alpha) {
            return first <= 0 || second <= 0 ? 0 : both / (Math.pow(first, alpha) * Math.pow(second, 1 - alpha));
        }
    };

    /** Similarity of items seen together by {@code both} users, each seen by {@code first} and {@code second}. */
    abstract double of(long both, long first, long second);

    /**
     * Similarity of history item i ({@code first} users) to candidate j ({@code second}) under the strategy's
     * asymmetry {@code alpha}, which only {@link #ASYMMETRIC_COSINE} uses.
     */
    double of(long both, long first, long second, double alpha) {
        return of(both, first, second);
    }

    /** The name used in strategy JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
