package io.streamrec.processor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.streamrec.schemas.InteractionType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link Strategy} JSON. {@code strategy.schema.json} decides what is valid (so the documented
 * schema and the parser cannot drift apart); {@code default-strategy.json} supplies every missing field.
 */
final class StrategyJson {
    static final String SCHEMA_RESOURCE = "/strategy.schema.json";
    static final String DEFAULT_RESOURCE = "/default-strategy.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonSchema SCHEMA = loadSchema();
    static final String DEFAULT_JSON = readResource(DEFAULT_RESOURCE);
    private static final ObjectNode DEFAULTS = (ObjectNode) readTree(Strategy.DEFAULT_NAME, DEFAULT_JSON);
    /** Weight maps merge entry by entry with the defaults; every other field replaces its default whole. */
    private static final Set<String> MERGED_FIELDS = Set.of("eventTypeWeights", "sourceWeights");
    static final Strategy BUILT_IN = parse(Strategy.DEFAULT_NAME, DEFAULT_JSON);

    private StrategyJson() {
    }

    static Strategy parse(String name, String json) {
        JsonNode node = readTree(name, json);
        List<String> problems = SCHEMA.validate(node).stream().map(StrategyJson::describe).sorted().toList();
        if (!problems.isEmpty()) {
            throw invalid(name, String.join("; ", problems));
        }
        if (node.has("name") && !node.get("name").asText().equals(name)) {
            throw invalid(name, "its name field says '" + node.get("name").asText()
                    + "' but it is stored as '" + name + "'; the two must match");
        }
        ObjectNode merged = withDefaults((ObjectNode) node);
        try {
            return new Strategy(name, merged.get("topN").intValue(),
                    eventTypeWeights(merged.get("eventTypeWeights")),
                    merged.get("halfLifeHours").doubleValue(),
                    sourceWeights(merged.get("sourceWeights")),
                    merged.get("filterSeen").booleanValue(),
                    new LinkedHashSet<>(strings(merged.get("excludedItems"))),
                    pinned(merged.get("pinned")),
                    SimilarityMeasure.valueOf(merged.get("similarity").asText().toUpperCase(Locale.ROOT)),
                    merged.get("similarityAlpha").doubleValue(),
                    merged.get("normalizeSeeds").booleanValue());
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    static String write(Strategy strategy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", strategy.name());
        root.put("topN", strategy.topN());
        ObjectNode eventTypes = root.putObject("eventTypeWeights");
        strategy.eventTypeWeights().forEach((type, weight) -> eventTypes.put(type.name(), weight));
        root.put("halfLifeHours", strategy.halfLifeHours());
        ObjectNode sources = root.putObject("sourceWeights");
        strategy.sourceWeights().forEach((source, weight) -> sources.put(source.key(), weight));
        root.put("filterSeen", strategy.filterSeen());
        ArrayNode excluded = root.putArray("excludedItems");
        strategy.excludedItems().stream().sorted().forEach(excluded::add);
        ObjectNode pinned = root.putObject("pinned");
        strategy.pinned().forEach((segment, items) -> items.forEach(pinned.putArray(segment)::add));
        root.put("similarity", strategy.similarity().key());
        root.put("similarityAlpha", strategy.similarityAlpha());
        root.put("normalizeSeeds", strategy.normalizeSeeds());
        return root.toString();
    }

    /** {@code /topN: must have a minimum value of 1}; problems of the whole document say "the strategy". */
    private static String describe(ValidationMessage problem) {
        String location = problem.getInstanceLocation().toString();
        return (location.isEmpty() ? "the strategy" : location) + ": " + problem.getError();
    }

    private static ObjectNode withDefaults(ObjectNode given) {
        ObjectNode merged = DEFAULTS.deepCopy();
        given.properties().forEach(field -> {
            if (MERGED_FIELDS.contains(field.getKey())) {
                ((ObjectNode) merged.get(field.getKey())).setAll((ObjectNode) field.getValue());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        });
        return merged;
    }

    private static Map<InteractionType, Double> eventTypeWeights(JsonNode node) {
        Map<InteractionType, Double> weights = new EnumMap<>(InteractionType.class);
        for (InteractionType type : InteractionType.values()) {
            weights.put(type, node.get(type.name()).doubleValue());
        }
        return weights;
    }

    private static Map<CandidateSource, Double> sourceWeights(JsonNode node) {
        Map<CandidateSource, Double> weights = new EnumMap<>(CandidateSource.class);
        for (CandidateSource source : CandidateSource.values()) {
            weights.put(source, node.get(source.key()).doubleValue());
        }
        return weights;
    }

    private static Map<String, List<String>> pinned(JsonNode node) {
        Map<String, List<String>> pinned = new LinkedHashMap<>();
        node.properties().forEach(field -> pinned.put(field.getKey(), strings(field.getValue())));
        return pinned;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>(array.size());
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode readTree(String name, String json) {
        if (json == null || json.isBlank()) {
            throw invalid(name, "it is empty; it must be a JSON object");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            // Jackson appends where an unclosed object started, naming a source it does not show: noise here
            String message = e.getOriginalMessage().replaceFirst("\\s*\\(start marker at .*", "");
            throw invalid(name, "it is not valid JSON: " + message + where);
        }
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException("strategy '" + name + "' is invalid: " + problem);
    }

    private static JsonSchema loadSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_POINTER)
                .build();
        try (InputStream in = resource(SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    private static String readResource(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = StrategyJson.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the class path; the jar is incomplete");
        }
        return in;
    }
}
