package io.streamrec.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.schemas.InteractionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuiltInDefaultHasTheDocumentedValues() {
        Strategy strategy = Strategy.builtIn();

        assertThat(strategy.name()).isEqualTo("default");
        assertThat(strategy.topN()).isEqualTo(10);
        assertThat(strategy.eventTypeWeights()).containsExactlyInAnyOrderEntriesOf(Map.of(
                InteractionType.view, 1.0, InteractionType.click, 2.0, InteractionType.add_to_cart, 4.0,
                InteractionType.purchase, 8.0, InteractionType.rate, 3.0));
        assertThat(strategy.halfLifeHours()).isEqualTo(72.0);
        assertThat(strategy.sourceWeights()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CandidateSource.SIMILAR, 1.0, CandidateSource.POPULAR, 0.2, CandidateSource.TRENDING, 0.5,
                CandidateSource.PINNED, 5.0));
        assertThat(strategy.filterSeen()).isTrue();
        assertThat(strategy.excludedItems()).isEmpty();
        assertThat(strategy.pinned()).containsOnlyKeys("default");
        assertThat(strategy.pinnedFor("default")).isEmpty();
        assertThat(strategy.similarity()).isEqualTo(SimilarityMeasure.JACCARD);
        assertThat(strategy.similarityAlpha()).isEqualTo(0.5);
        assertThat(strategy.normalizeSeeds()).isFalse();
    }

    @Test
    void theDefaultJsonIsValidUnderAnyName() {
        Strategy summer = Strategy.parse("summer", Strategy.defaultJson());

        assertThat(summer.name()).isEqualTo("summer");
        assertThat(summer.topN()).isEqualTo(Strategy.builtIn().topN());
    }

    @Test
    void missingFieldsTakeTheDefaultsAndWeightMapsMergeEntryByEntry() {
        Strategy strategy = Strategy.parse("promo", """
                {"topN": 3, "eventTypeWeights": {"purchase": 20}, "sourceWeights": {"pinned": 9.5},
                 "pinned": {"default": ["i9", "i8"], "vip": ["i7"]}, "excludedItems": ["i0"], "filterSeen": false}
                """);

        assertThat(strategy.topN()).isEqualTo(3);
        assertThat(strategy.weightOf(InteractionType.purchase)).isEqualTo(20.0);
        assertThat(strategy.weightOf(InteractionType.view)).as("not given, so the default").isEqualTo(1.0);
        assertThat(strategy.weightOf(CandidateSource.PINNED)).isEqualTo(9.5);
        assertThat(strategy.weightOf(CandidateSource.SIMILAR)).isEqualTo(1.0);
        assertThat(strategy.halfLifeHours()).isEqualTo(72.0);
        assertThat(strategy.filterSeen()).isFalse();
        assertThat(strategy.excludedItems()).containsExactly("i0");
        assertThat(strategy.pinnedFor("default")).containsExactly("i9", "i8");
        assertThat(strategy.pinnedFor("vip")).containsExactly("i7");
        assertThat(strategy.pinnedFor("nobody")).isEmpty();
    }

    @Test
    void anEmptyObjectIsTheDefaultUnderItsName() {
        Strategy strategy = Strategy.parse("plain", "{}");

        assertThat(strategy).isEqualTo(Strategy.parse("plain", Strategy.defaultJson()));
    }

    @Test
    void aMatchingNameFieldIsAccepted() {
        assertThat(Strategy.parse("promo", "{\"name\": \"promo\"}").name()).isEqualTo("promo");
    }

    @Test
    void toJsonReadsBackToAnEqualStrategy() {
        Strategy strategy = Strategy.parse("promo", """
                {"topN": 7, "eventTypeWeights": {"rate": 0}, "halfLifeHours": 1.5,
                 "pinned": {"default": ["b", "a", "c"], "empty": []}, "excludedItems": ["x", "y"],
                 "similarity": "asymmetric_cosine", "similarityAlpha": 0.7, "normalizeSeeds": true}
                """);

        assertThat(Strategy.parse("promo", strategy.toJson())).isEqualTo(strategy);
        assertThat(Strategy.parse("promo", strategy.toJson()).pinnedFor("default")).containsExactly("b", "a", "c");
        assertThat(Strategy.parse("promo", strategy.toJson()).similarityAlpha()).isEqualTo(0.7);
        assertThat(Strategy.parse("promo", strategy.toJson()).normalizeSeeds()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                       | {"topN": 3                                   | not valid JSON
            empty                          | '  '                                         | it is empty
            not an object                  | [1, 2]                                       | object
            topN zero                      | {"topN": 0}                                  | /topN
            topN too large                 | {"topN": 5000}                               | /topN
            topN not a number              | {"topN": "ten"}                              | /topN
            negative event weight          | {"eventTypeWeights": {"view": -1}}           | /eventTypeWeights/view
            unknown event type             | {"eventTypeWeights": {"like": 1}}            | like
            unknown source                 | {"sourceWeights": {"magic": 1}}              | magic
            zero half-life                 | {"halfLifeHours": 0}                         | /halfLifeHours
            filterSeen not a boolean       | {"filterSeen": "yes"}                        | /filterSeen
            blank excluded item            | {"excludedItems": [""]}                      | /excludedItems/0
            duplicate excluded item        | {"excludedItems": ["a", "a"]}                | /excludedItems
            pinned not a list              | {"pinned": {"default": "i1"}}                | /pinned/default
            bad segment name               | {"pinned": {"no spaces": ["i1"]}}            | no spaces
            misspelled field               | {"topn": 3}                                  | topn
            duplicate field                | {"topN": 3, "topN": 4}                       | Duplicate field
            name differs from the key      | {"name": "other"}                            | must match
            unknown similarity             | {"similarity": "pearson"}                    | /similarity
            similarityAlpha above 1        | {"similarityAlpha": 1.5}                     | /similarityAlpha
            similarityAlpha below 0        | {"similarityAlpha": -0.1}                    | /similarityAlpha
            normalizeSeeds not a boolean   | {"normalizeSeeds": 1}                        | /normalizeSeeds
            """)
    void anInvalidStrategyIsRejectedWithAMessageNamingItAndTheProblem(String what, String json, String problem) {
        assertThatThrownBy(() -> Strategy.parse("promo", json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("strategy 'promo' is invalid: ")
                .hasMessageContaining(problem);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> Strategy.parse("promo", "{\"topN\": 0, \"filterSeen\": \"yes\"}"))
                .hasMessageContaining("/topN").hasMessageContaining("/filterSeen");
    }

    @Test
    void aWeightTooLargeForADoubleIsRejected() {
        assertThatThrownBy(() -> Strategy.parse("promo", "{\"sourceWeights\": {\"pinned\": 1e400}}"))
                .hasMessageStartingWith("strategy 'promo' is invalid: ").hasMessageContaining("for pinned");
    }

    @Test
    void theConstructorRejectsAnInvalidNameAndMissingWeights() {
        Strategy valid = Strategy.builtIn();
        Map<InteractionType, Double> withoutRate = new EnumMap<>(valid.eventTypeWeights());
        withoutRate.remove(InteractionType.rate);

        assertThatThrownBy(() -> new Strategy("a/b", 10, valid.eventTypeWeights(), 1, valid.sourceWeights(), true,
                Set.of(), Map.of(), SimilarityMeasure.JACCARD, 0.5, false)).hasMessageContaining("name must be");
        assertThatThrownBy(() -> new Strategy("a", 10, withoutRate, 1, valid.sourceWeights(), true, Set.of(), Map.of(),
                SimilarityMeasure.JACCARD, 0.5, false))
                .hasMessageContaining("eventTypeWeights needs").hasMessageContaining("rate");
        assertThatThrownBy(() -> new Strategy("a", 10, valid.eventTypeWeights(), 1, valid.sourceWeights(), true,
                Set.of(), Map.of(), SimilarityMeasure.ASYMMETRIC_COSINE, 2, false))
                .hasMessageContaining("similarityAlpha must be between 0 and 1");
    }

    @Test
    void theSchemaDocumentsEveryFieldOfTheRecordAndNothingElse() throws IOException {
        JsonNode properties = schema().get("properties");
        List<String> documented = new ArrayList<>();
        properties.fieldNames().forEachRemaining(documented::add);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Strategy.class.getRecordComponents()).map(RecordComponent::getName).toList());
        documented.forEach(field -> assertThat(properties.get(field).path("description").asText())
                .as("description of " + field).isNotBlank());
    }

    @Test
    void theSchemaDefaultsAreTheDefaultJson() throws IOException {
        JsonNode properties = schema().get("properties");
        JsonNode defaults = JSON.readTree(Strategy.defaultJson());

        defaults.fieldNames().forEachRemaining(field ->
                assertThat(properties.get(field).get("default")).as("default of " + field).isEqualTo(defaults.get(field)));
        for (String map : List.of("eventTypeWeights", "sourceWeights")) {
            properties.get(map).get("properties").properties().forEach(entry ->
                    assertThat(entry.getValue().get("default").asDouble()).as("default of " + map + "." + entry.getKey())
                            .isEqualTo(defaults.get(map).get(entry.getKey()).asDouble()));
        }
    }

    private static JsonNode schema() throws IOException {
        try (InputStream in = Strategy.class.getResourceAsStream(StrategyJson.SCHEMA_RESOURCE)) {
            return JSON.readTree(in);
        }
    }
}
