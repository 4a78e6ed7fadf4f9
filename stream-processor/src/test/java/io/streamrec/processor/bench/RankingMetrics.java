package io.streamrec.processor.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-k ranking metrics exactly as Microsoft Recommenders' python_evaluation computes them (the SAR notebook's
 * table): averaged over the users that have both test items and recommendations; a hit is a recommended item in the
 * user's test set (relevance is binary).
 * <ul>
 *   <li>precision@k = hits / k; recall@k = hits / |test items|;
 *   <li>nDCG@k = Σ_hits 1/log2(rank + 1) over Σ_{i=1..min(|test|, k)} 1/log2(i + 1);
 *   <li>MAP (map_at_k) = Σ_hits (hits so far / rank) / |test items|.
 * </ul>
 */
public record RankingMetrics(double precision, double recall, double ndcg, double map, int users) {

    public static RankingMetrics of(Map<String, List<String>> recommended, Map<String, Set<String>> relevant, int k) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        int users = 0;
        for (Map.Entry<String, Set<String>> entry : relevant.entrySet()) {
            List<String> top = recommended.get(entry.getKey());
            if (top == null || top.isEmpty() || entry.getValue().isEmpty()) {
                continue;
            }
            users++;
            Set<String> truth = entry.getValue();
            int hits = 0;
            double dcg = 0;
            double precisionSum = 0;
            for (int rank = 1; rank <= Math.min(k, top.size()); rank++) {
                if (truth.contains(top.get(rank - 1))) {
                    hits++;
                    dcg += 1 / log2(rank + 1);
                    precisionSum += (double) hits / rank;
                }
            }
            double idcg = 0;
            for (int i = 1; i <= Math.min(truth.size(), k); i++) {
                idcg += 1 / log2(i + 1);
            }
            precision += (double) hits / k;
            recall += (double) hits / truth.size();
            ndcg += dcg / idcg;
            map += precisionSum / truth.size();
        }
        return new RankingMetrics(precision / users, recall / users, ndcg / users, map / users, users);
    }

    /** The result-line format. */
    public String line(String name) {
        return String.format(java.util.Locale.ROOT, "ml-100k %s: P@10=%.3f R@10=%.3f nDCG@10=%.3f MAP=%.3f",
                name, precision, recall, ndcg, map);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
