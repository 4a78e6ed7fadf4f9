package io.streamrec.processor.bench;

import io.streamrec.processor.bench.MovieLens.Rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * SAR in batch, as Microsoft Recommenders' {@code SARSingleNode} computes it, on the benchmark's own split: the
 * reference the live path is compared with in the same run, so that a gap to the published anchor can be told apart
 * from a gap to SAR itself. Independent of the processor's code on purpose.
 * <ul>
 *   <li>affinity(u, i) = weight(rating) × 2^(−(T − t) / halfLife), T the latest training timestamp (infinite
 *   half-life: no decay);
 *   <li>co-occurrence c(i, j) = training users who rated both (binary), c(i) = c(i, i); with a window, only the
 *   users who rated one within {@link Settings#window()} distinct items of the other ({@link WindowedPairs});
 *   <li>similarity(i, j) from those counts ({@link Similarity}), over all items, diagonal included;
 *   <li>score(u, j) = Σ_i affinity(u, i) × similarity(i, j); items the user rated in training are removed and the
 *   top k kept, equal scores by item id.
 * </ul>
 * {@link Settings#neighbours()} optionally keeps only each item's K best other items (chosen under
 * {@link Settings#selection()}), as the live path's rows do, to measure what that truncation alone costs; and
 * {@link Settings#normalizeRows()} mirrors the strategy option {@code normalizeSeeds}.
 */
final class BatchSar {
    enum Similarity {
        JACCARD, LIFT, COSINE, ASYMMETRIC_COSINE;

        /** Similarity of history item i ({@code first} users) to candidate j ({@code second}). */
        double of(int both, int first, int second, double alpha) {
            return switch (this) {
                case JACCARD -> (double) both / (first + second - both);
                case LIFT -> (double) both / ((double) first * second);
                case COSINE -> both / Math.sqrt((double) first * second);
                case ASYMMETRIC_COSINE -> both / (Math.pow(first, alpha) * Math.pow(second, 1 - alpha));
            };
        }
    }

    /**
     * @param similarity      the measure scores use
     * @param alpha           the asymmetry of {@link Similarity#ASYMMETRIC_COSINE}
     * @param weight          a rating's weight in the affinity (SAR: the rating itself)
     * @param halfLifeSeconds the affinity's half-life, {@link Double#POSITIVE_INFINITY} for no decay
     * @param neighbours      entries kept per item besides the diagonal, {@link Integer#MAX_VALUE} for all (SAR)
     * @param selection       the measure under which the kept entries are chosen
     * @param normalizeRows   divide each row by its sum over the other items (the diagonal then dropped)
     * @param window          the processor's cooccurrence-window, {@link WindowedPairs#WHOLE_HISTORY} for SAR
     */
    record Settings(Similarity similarity, double alpha, ToDoubleFunction<Rating> weight, double halfLifeSeconds,
                    int neighbours, Similarity selection, boolean normalizeRows, int window) {
        /** SAR as published: full rows, plain sum, whole histories. */
        static Settings sar(Similarity similarity, ToDoubleFunction<Rating> weight, double halfLifeSeconds) {
            return new Settings(similarity, 0.5, weight, halfLifeSeconds, Integer.MAX_VALUE, similarity, false,
                    WindowedPairs.WHOLE_HISTORY);
        }

        Settings truncated(int k, Similarity selectedBy) {
            return new Settings(similarity, alpha, weight, halfLifeSeconds, k, selectedBy, normalizeRows, window);
        }

        Settings withWindow(int items) {
            return new Settings(similarity, alpha, weight, halfLifeSeconds, neighbours, selection, normalizeRows, items);
        }
    }

    private final List<String> items;
    private final Map<String, Map<Integer, Double>> affinities = new HashMap<>();
    private final float[][] similarity;

    BatchSar(List<Rating> train, Settings settings) {
        items = List.copyOf(new TreeSet<>(train.stream().map(Rating::itemId).toList()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            index.put(items.get(i), i);
        }
        long latest = train.stream().mapToLong(Rating::epochSeconds).max().orElse(0);
        for (Rating rating : train) {
            double decay = Math.pow(2, -(latest - rating.epochSeconds()) / settings.halfLifeSeconds());
            affinities.computeIfAbsent(rating.userId(), u -> new HashMap<>())
                    .merge(index.get(rating.itemId()), settings.weight().applyAsDouble(rating) * decay, Double::sum);
        }
        int n = items.size();
        int[][] counts = new int[n][n];
        for (Map<Integer, Double> rated : affinities.values()) {
            for (int a : rated.keySet()) {
                counts[a][a]++;
            }
        }
        WindowedPairs.forEach(train, settings.window(), (a, b) -> counts[index.get(a)][index.get(b)]++);
        similarity = new float[n][n];
        for (int a = 0; a < n; a++) {
            int[] row = counts[a];
            List<Integer> kept = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                if (b != a && row[b] > 0) {
                    kept.add(b);
                }
            }
            int self = a;
            // the live rows break ties by item id too
            kept.sort(Comparator.<Integer>comparingDouble(b -> -settings.selection().of(row[b], row[self], counts[b][b],
                    settings.alpha())).thenComparing(b -> b));
            kept = kept.subList(0, Math.min(settings.neighbours(), kept.size()));
            double sum = 0;
            for (int b : kept) {
                similarity[a][b] = (float) settings.similarity().of(row[b], row[a], counts[b][b], settings.alpha());
                sum += similarity[a][b];
            }
            if (settings.normalizeRows()) {
                for (int b : kept) {
                    similarity[a][b] /= (float) sum;
                }
            } else if (row[a] > 0) {
                similarity[a][a] = (float) settings.similarity().of(row[a], row[a], row[a], settings.alpha());
            }
        }
    }

    /** Each user's top k items, leaving out the items the user rated in training. */
    Map<String, List<String>> recommend(Set<String> users, int k) {
        Map<String, List<String>> top = new HashMap<>();
        for (String user : users) {
            Map<Integer, Double> affinity = affinities.getOrDefault(user, Map.of());
            double[] scores = new double[items.size()];
            affinity.forEach((item, a) -> {
                float[] row = similarity[item];
                for (int j = 0; j < row.length; j++) {
                    scores[j] += a * row[j];
                }
            });
            List<Integer> candidates = new ArrayList<>();
            for (int j = 0; j < scores.length; j++) {
                if (!affinity.containsKey(j)) {
                    candidates.add(j);
                }
            }
            candidates.sort(Comparator.<Integer>comparingDouble(j -> -scores[j]).thenComparing(j -> j));
            top.put(user, candidates.stream().limit(k).map(items::get).toList());
        }
        return top;
    }
}
