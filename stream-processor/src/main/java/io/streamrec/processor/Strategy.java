package io.streamrec.processor;

import io.streamrec.schemas.InteractionType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How interactions are weighed and candidate sources blended; one immutable version of a strategy. Operators edit
 * it as JSON in etcd under {@link #ETCD_PREFIX}{@code <name>}; {@code strategy.schema.json} documents every field.
 * Build one with {@link #parse(String, String)}, which validates against that schema and fills in defaults, or use
 * {@link #builtIn()} when etcd has none.
 *
 * @param name             the strategy's name, which is also the last segment of its etcd key
 * @param topN             how many items a user's recommendations hold at most
 * @param eventTypeWeights weight of one interaction of each type; every type is present
 * @param halfLifeHours    age at which an interaction counts half, for the decaying sources
 * @param sourceWeights    factor of each candidate source; every source is present
 * @param filterSeen       whether items in the user's recent history are left out
 * @param excludedItems    items never recommended
 * @param pinned           item ids per segment, most important first
 * @param similarity       how co-occurrence counts become item-item similarity
 * @param similarityAlpha  the asymmetry α of {@link SimilarityMeasure#ASYMMETRIC_COSINE}, in [0, 1]
 * @param normalizeSeeds   whether each history item's similarities are divided by their sum over its row, so that
 *                         every history item spreads its affinity over its neighbours instead of adding it to each
 */
public record Strategy(String name, int topN, Map<InteractionType, Double> eventTypeWeights, double halfLifeHours,
                       Map<CandidateSource, Double> sourceWeights, boolean filterSeen, Set<String> excludedItems,
                       Map<String, List<String>> pinned, SimilarityMeasure similarity, double similarityAlpha,
                       boolean normalizeSeeds) {

    /** Where strategies live in etcd; the rest of the key is the strategy's name. */
    public static final String ETCD_PREFIX = "/streamrec/strategies/";
    /** The name of the built-in strategy, and of the one a processor uses unless configured otherwise. */
    public static final String DEFAULT_NAME = "default";
    /** The segment every user is in until segments are introduced. */
    public static final String DEFAULT_SEGMENT = "default";

    static final int MAX_TOP_N = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public Strategy {
        require(isValidName(name),
                "name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, not " + name);
        require(topN >= 1 && topN <= MAX_TOP_N, "topN must be between 1 and " + MAX_TOP_N + ", not " + topN);
        eventTypeWeights = weights(eventTypeWeights, InteractionType.class, "eventTypeWeights");
        require(Double.isFinite(halfLifeHours) && halfLifeHours > 0,
                "halfLifeHours must be a positive number, not " + halfLifeHours);
        sourceWeights = weights(sourceWeights, CandidateSource.class, "sourceWeights");
        require(excludedItems != null && excludedItems.stream().noneMatch(Strategy::isBlank),
                "excludedItems must be a list of non-empty item ids");
        excludedItems = Set.copyOf(excludedItems);
        require(pinned != null, "pinned must map segments to item ids");
        pinned.forEach((segment, items) -> {
            require(isValidName(segment), "pinned segment name is invalid: " + segment);
            require(items != null && items.stream().noneMatch(Strategy::isBlank),
                    "pinned items of segment " + segment + " must be non-empty item ids");
        });
        pinned = Map.copyOf(pinned.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
        require(similarity != null, "similarity must be given");
        require(similarityAlpha >= 0 && similarityAlpha <= 1,
                "similarityAlpha must be between 0 and 1, not " + similarityAlpha);
    }

    /**
     * Parses and validates the JSON of the strategy stored under {@code name}; missing fields take the built-in
     * default's values. Fits {@code WatchedPrefix.Parser}, whose key is the name.
     *
     * @throws IllegalArgumentException naming the strategy and every problem found
     */
    public static Strategy parse(String name, String json) {
        return StrategyJson.parse(name, json);
    }

    /** The strategy used when etcd holds none under the configured name: {@link #defaultJson()} named "default". */
    public static Strategy builtIn() {
        return StrategyJson.BUILT_IN;
    }

    /**
     * The built-in default as JSON, with every field spelled out so that operators see each knob; valid under any
     * name. The embedded runtime writes it to etcd when no strategy exists yet.
     */
    public static String defaultJson() {
        return StrategyJson.DEFAULT_JSON;
    }

    /** This strategy as JSON that {@link #parse} reads back to an equal strategy. */
    public String toJson() {
        return StrategyJson.write(this);
    }

    /** The half-life in milliseconds, as the decay arithmetic uses it. */
    public double halfLifeMs() {
        return halfLifeHours * 3_600_000.0;
    }

    /** Similarity of history item i, seen by {@code seedUsers}, to candidate j, under this strategy's measure. */
    double similarity(long both, long seedUsers, long candidateUsers) {
        return similarity.of(both, seedUsers, candidateUsers, similarityAlpha);
    }

    public double weightOf(InteractionType type) {
        return eventTypeWeights.get(type);
    }

    public double weightOf(CandidateSource source) {
        return sourceWeights.get(source);
    }

    /** The items pinned for a segment, most important first; empty when the segment has none. */
    public List<String> pinnedFor(String segment) {
        return pinned.getOrDefault(segment, List.of());
    }

    /** Strategy and segment names: what may follow {@link #ETCD_PREFIX} in a key. */
    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static <E extends Enum<E>> Map<E, Double> weights(Map<E, Double> weights, Class<E> type, String field) {
        require(weights != null, field + " must be given");
        for (E key : type.getEnumConstants()) {
            Double weight = weights.get(key);
            require(weight != null && Double.isFinite(weight) && weight >= 0,
                    field + " needs a finite, non-negative weight for " + key + ", not " + weight);
        }
        return Collections.unmodifiableMap(new EnumMap<>(weights));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
