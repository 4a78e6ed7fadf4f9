package io.streamrec.processor;

import java.util.Locale;

/**
 * How the co-occurrence count of two items becomes their similarity, as in SAR: {@code c(i,j)} users interacted with
 * both, {@code c(i)} and {@code c(j)} with each.
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
    };

    /** Similarity of items seen together by {@code both} users, each seen by {@code first} and {@code second}. */
    abstract double of(long both, long first, long second);

    /** The name used in strategy JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
