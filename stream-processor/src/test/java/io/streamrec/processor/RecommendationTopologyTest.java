package io.streamrec.processor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrec.schemas.DeadLetterHeaders;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topology of {@link RecommendationTopology#build} driven record by record, without a broker. */
class RecommendationTopologyTest {
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-23T11:00:00Z");
    private static final String INTERACTIONS = Topics.INTERACTIONS.name();

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerde<Interaction> interactionSerde = AvroSerde.forValues(registry, Interaction.class);
    private final AtomicReference<ActiveStrategy> strategy = new AtomicReference<>(new ActiveStrategy(
            Strategy.parse("promo", "{\"pinned\": {\"default\": [\"p1\", \"p2\", \"p3\"]}}"), 42));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Interaction> interactions;
    private TestInputTopic<byte[], byte[]> rawInteractions;
    private TestOutputTopic<UserItemKey, UserItemEdge> edges;
    private TestOutputTopic<String, Recommendations> recommendations;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        start(TopologySettings.defaults("streamrec-processor"));
    }

    /** Stops this test's driver and starts a fresh one with other settings. */
    private void restartWith(TopologySettings settings) {
        driver.close();
        start(settings);
    }

    private void start(TopologySettings settings) {
        driver = driver(RecommendationTopology.build(registry, StrategyResolver.fixed(strategy::get), meters,
                settings));
        interactions = driver.createInputTopic(INTERACTIONS, new StringSerializer(), interactionSerde);
        rawInteractions = driver.createInputTopic(INTERACTIONS, new ByteArraySerializer(), new ByteArraySerializer());
        edges = driver.createOutputTopic(Topics.USER_ITEM_EDGES.name(),
                AvroSerde.forKeys(registry, UserItemKey.class), AvroSerde.forValues(registry, UserItemEdge.class));
        recommendations = driver.createOutputTopic(Topics.RECOMMENDATIONS.name(),
                new StringDeserializer(), AvroSerde.forValues(registry, Recommendations.class));
        deadLetters = driver.createOutputTopic(Topics.INTERACTIONS_DLQ.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void anInteractionYieldsItsEdgeAndTheUsersRecommendations() {
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));

        var edge = edges.readKeyValue();
        assertThat(edge.key).isEqualTo(new UserItemKey("u1", "i1"));
        assertThat(edge.value.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.value.getWeight()).isEqualTo(1.0);
        assertThat(edge.value.getFirstSeen()).isEqualTo(T0);
        assertThat(edge.value.getLastSeen()).isEqualTo(T0);

        var record = recommendations.readKeyValue();
        assertThat(record.key).isEqualTo("u1");
        Recommendations recs = record.value;
        assertThat(recs.getUserId()).isEqualTo("u1");
        assertThat(recs.getItems()).extracting(RecommendedItem::getItemId).containsExactly("p1", "p2", "p3");
        assertThat(recs.getItems().get(0).getSources()).containsOnlyKeys("pinned");
        assertThat(recs.getStrategy()).isEqualTo("promo");
        assertThat(recs.getStrategyVersion()).isEqualTo(42);
        assertThat(recs.getExperimentGroup()).isNull();
        assertThat(recs.getGeneratedAt()).isEqualTo(WALL_CLOCK);
        assertThat(recs.getTriggerEventId()).isEqualTo("e1");
        assertThat(recs.getTriggerEventTime()).isEqualTo(T0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void edgesAreAbsoluteAggregatesPerUserAndItem() {
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "i2", InteractionType.click, T0.plusSeconds(1)));
        interactions.pipeInput("u1", interaction("e3", "u1", "i1", InteractionType.purchase, T0.plusSeconds(2)));
        interactions.pipeInput("u2", interaction("e4", "u2", "i1", InteractionType.view, T0.plusSeconds(3)));

        Map<UserItemKey, UserItemEdge> latest = edges.readKeyValuesToMap();
        UserItemEdge u1i1 = latest.get(new UserItemKey("u1", "i1"));
        assertThat(u1i1.getCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("view", 1L, "purchase", 1L));
        assertThat(u1i1.getWeight()).isEqualTo(9.0);
        assertThat(u1i1.getFirstSeen()).isEqualTo(T0);
        assertThat(u1i1.getLastSeen()).isEqualTo(T0.plusSeconds(2));
        assertThat(latest.get(new UserItemKey("u1", "i2")).getWeight()).isEqualTo(2.0);
        assertThat(latest.get(new UserItemKey("u2", "i1")).getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
    }

    @Test
    void itemsTheUserInteractedWithAreFilteredForThatUserOnly() {
        interactions.pipeInput("u1", interaction("e1", "u1", "p2", InteractionType.view, T0));
        interactions.pipeInput("u2", interaction("e2", "u2", "i9", InteractionType.view, T0));

        Map<String, Recommendations> latest = recommendations.readKeyValuesToMap();
        assertThat(latest.get("u1").getItems()).extracting(RecommendedItem::getItemId).containsExactly("p1", "p3");
        assertThat(latest.get("u2").getItems()).extracting(RecommendedItem::getItemId).containsExactly("p1", "p2", "p3");
    }

    @Test
    void theNextEventUsesANewStrategyVersion() {
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"eventTypeWeights": {"view": 10}, "pinned": {"default": ["n1"]}}"""), 57));
        interactions.pipeInput("u1", interaction("e2", "u1", "i1", InteractionType.view, T0.plusSeconds(1)));

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getStrategyVersion).containsExactly(42L, 57L);
        assertThat(edges.readValuesToList()).extracting(UserItemEdge::getWeight)
                .as("each event weighs with the strategy of its time").containsExactly(1.0, 11.0);
    }

    @Test
    void userStateStaysInOneSubTopologyAndItemStateInAnotherWithGlobalNeighbourRows() {
        Topology topology = RecommendationTopology.build(registry, StrategyResolver.fixed(strategy::get), meters);

        assertThat(topology.describe().subtopologies()).hasSize(2);
        assertThat(topology.describe().globalStores()).hasSize(2);
    }

    @Test
    void aRetriedEventIdIsProcessedOnce() {
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));

        assertThat(edges.readValuesToList()).hasSize(1);
        assertThat(recommendations.readValuesToList()).hasSize(1);
        assertThat(meters.get("streamrec.processor.duplicates").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aLiveRetryIsProcessedAgainOnceTheDedupWindowAroundItsRecordTimeHasPassed() {
        Instant live = WALL_CLOCK.minusSeconds(5);
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, live), live);
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, live),
                live.plus(Duration.ofMinutes(11)));

        assertThat(edges.readValuesToList()).hasSize(2);
    }

    @Test
    void anImportRunAgainLaterCountsNothingTwice() {
        // 1997 ratings imported with --timestamps import, then the same file again an hour later: the record times are
        // an hour apart, past the 10-minute window a live retry is looked for in
        Instant historical = Instant.parse("1997-12-04T15:55:49Z");
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.rate, historical), WALL_CLOCK);
        interactions.pipeInput("u1", interaction("e2", "u1", "i2", InteractionType.rate, historical), WALL_CLOCK);
        driver.advanceWallClockTime(Duration.ofHours(1));
        Instant anHourLater = WALL_CLOCK.plus(Duration.ofHours(1));
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.rate, historical), anHourLater);
        interactions.pipeInput("u1", interaction("e2", "u1", "i2", InteractionType.rate, historical), anHourLater);

        assertThat(edges.readValuesToList()).extracting(UserItemEdge::getItemId).containsExactly("i1", "i2");
        assertThat(meters.get("streamrec.processor.duplicates").counter().count()).isEqualTo(2.0);
    }

    @Test
    void aRetryOldEnoughToBeBackfillFindsTheLiveOriginal() {
        Instant at = WALL_CLOCK.minusSeconds(59);
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, at), at);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, at), at.plusSeconds(2));

        assertThat(edges.readValuesToList()).hasSize(1);
        assertThat(meters.get("streamrec.processor.duplicates").counter().count()).isEqualTo(1.0);
    }

    @Test
    void coOccurringItemsBecomeSimilarRecommendationsThroughThePublishedRows() {
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"sourceWeights": {"popular": 0, "trending": 0}, "similarity": "jaccard"}"""), 43));
        // two users took a then b, one took a then c: b is a's closest neighbour
        interactions.pipeInput("u1", interaction("e1", "u1", "a", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "b", InteractionType.view, T0.plusSeconds(1)));
        interactions.pipeInput("u2", interaction("e3", "u2", "a", InteractionType.view, T0));
        interactions.pipeInput("u2", interaction("e4", "u2", "b", InteractionType.view, T0.plusSeconds(1)));
        interactions.pipeInput("u3", interaction("e5", "u3", "a", InteractionType.view, T0));
        interactions.pipeInput("u3", interaction("e6", "u3", "c", InteractionType.view, T0.plusSeconds(1)));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();

        interactions.pipeInput("u4", interaction("e7", "u4", "a", InteractionType.purchase, T0.plusSeconds(2)));

        Recommendations recs = recommendations.readValue();
        assertThat(recs.getItems()).extracting(RecommendedItem::getItemId).containsExactly("b", "c");
        assertThat(recs.getItems().get(0).getSources()).containsOnlyKeys("similar");
        assertThat(recs.getItems().get(0).getScore()).isEqualTo(1.0);
        // jaccard: b 2/(3+2−2) = 2/3, c 1/(3+1−1) = 1/3, scaled to the best
        assertThat(recs.getItems().get(1).getScore()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aRowPublishedAgainCountsTheCoOccurrencesAddedSinceItWasFirstRead() {
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"sourceWeights": {"popular": 0, "trending": 0}, "similarity": "cooccurrence"}"""), 43));
        interactions.pipeInput("u1", interaction("e1", "u1", "a", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "c", InteractionType.view, T0.plusSeconds(1)));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        // a's row is now published (and held in memory): c 1; then b overtakes c with two more users
        interactions.pipeInput("u2", interaction("e3", "u2", "a", InteractionType.view, T0));
        interactions.pipeInput("u2", interaction("e4", "u2", "b", InteractionType.view, T0.plusSeconds(1)));
        interactions.pipeInput("u3", interaction("e5", "u3", "b", InteractionType.view, T0));
        interactions.pipeInput("u3", interaction("e6", "u3", "a", InteractionType.view, T0.plusSeconds(1)));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();

        interactions.pipeInput("u4", interaction("e7", "u4", "a", InteractionType.purchase, T0.plusSeconds(2)));

        Recommendations recs = recommendations.readValue();
        assertThat(recs.getItems()).extracting(RecommendedItem::getItemId).containsExactly("b", "c");
        // co-occurrence counts: b 2, c 1, scaled to the best
        assertThat(recs.getItems().get(1).getScore()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void withCoalescingAUsersEventsWithinTheSliceGetOneRecommendationForTheLatest() {
        restartWith(TopologySettings.defaults("streamrec-processor").withCoalescing(Duration.ofMillis(20),
                new Backfill(Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(7))));

        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        interactions.pipeInput("u2", interaction("e2", "u2", "i1", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e3", "u1", "i2", InteractionType.view, T0.plusSeconds(1)));
        assertThat(recommendations.isEmpty()).as("nothing before the slice ends").isTrue();

        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getUserId,
                Recommendations::getTriggerEventId).containsExactly(tuple("u1", "e3"), tuple("u2", "e2"));
        interactions.pipeInput("u1", interaction("e4", "u1", "i3", InteractionType.view, T0.plusSeconds(2)));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getTriggerEventId)
                .containsExactly("e4");
    }

    @Test
    void backfillEventsWaitForTheBackfillSliceWhileALiveEventIsScoredAtOnce() {
        restartWith(TopologySettings.defaults("streamrec-processor").withCoalescing(Duration.ZERO,
                new Backfill(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(7))));
        Instant live = WALL_CLOCK.minusSeconds(5);
        driver.advanceWallClockTime(Duration.ofMillis(100)); // the task's start pass, over no users yet

        // an hour before the driver's wall clock: backfill
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "i2", InteractionType.view, T0.plusSeconds(1)));
        interactions.pipeInput("u2", interaction("e3", "u2", "i1", InteractionType.view, T0.plusSeconds(2)));
        interactions.pipeInput("u3", interaction("e4", "u3", "i2", InteractionType.view, T0.plusSeconds(3)));
        interactions.pipeInput("u3", interaction("e5", "u3", "i3", InteractionType.view, live));
        assertThat(recommendations.readValuesToList()).as("only the live event is scored at once")
                .extracting(Recommendations::getUserId, Recommendations::getTriggerEventId)
                .containsExactly(tuple("u3", "e5"));

        driver.advanceWallClockTime(Duration.ofMillis(899));
        assertThat(recommendations.isEmpty()).as("nothing before the backfill slice ends").isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(1));
        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getUserId, Recommendations::getTriggerEventId)
                .as("one scoring per user, for the latest event; u3's backfill event went out with its live one")
                .containsExactly(tuple("u1", "e2"), tuple("u2", "e3"));
    }

    @Test
    void rowsChangedOnlyByBackfillArePublishedAtTheBackfillIntervalAndLiveChangesAtThePublishInterval() {
        TopologySettings settings = TopologySettings.defaults("streamrec-processor").withCoalescing(Duration.ZERO,
                new Backfill(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(7)));
        restartWith(settings);
        TestOutputTopic<String, NeighbourRow> rows = driver.createOutputTopic(settings.neighboursTopic(),
                new StringDeserializer(), JsonSerde.of(NeighbourRow.class).deserializer());
        driver.advanceWallClockTime(Duration.ofMillis(100)); // the task's start pass, over no users yet

        // an hour old: backfill
        interactions.pipeInput("u1", interaction("e1", "u1", "a", InteractionType.view, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "b", InteractionType.view, T0.plusSeconds(1)));
        driver.advanceWallClockTime(Duration.ofMillis(400));
        assertThat(rows.isEmpty()).as("two publish intervals later, the backfill rows still wait").isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(500));
        assertThat(rows.readKeyValuesToMap()).containsOnlyKeys("a", "b");

        Instant live = WALL_CLOCK.minusSeconds(5);
        interactions.pipeInput("u2", interaction("e3", "u2", "c", InteractionType.view, live));
        interactions.pipeInput("u2", interaction("e4", "u2", "d", InteractionType.view, live.plusSeconds(1)));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertThat(rows.readKeyValuesToMap()).as("live changes go out at the next publish").containsOnlyKeys("c", "d");
    }

    @Test
    void aRowKeepsTheKStrongestNeighboursAndBreaksTiesByItemId() {
        restartWith(defaultsWith(TopologySettings.defaults("streamrec-processor").cooccurrenceWindow(), 1));
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"sourceWeights": {"popular": 0, "trending": 0}, "similarity": "cooccurrence"}"""), 43));
        // a co-occurs with c twice and with d and e once; x with p and q once each, a tie
        String[][] histories = {{"a", "e"}, {"a", "d"}, {"c", "a"}, {"a", "c"}, {"x", "q"}, {"x", "p"}};
        for (int user = 0; user < histories.length; user++) {
            viewInOrder("u" + user, histories[user]);
        }
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();

        interactions.pipeInput("v1", interaction("f1", "v1", "a", InteractionType.view, T0.plusSeconds(2)));
        interactions.pipeInput("v2", interaction("f2", "v2", "x", InteractionType.view, T0.plusSeconds(2)));

        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .containsExactly("c");
        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .as("equal counts: the smaller item id stays").containsExactly("p");
    }

    @Test
    void everyCommitWritesThePairCountsToTheStore() {
        viewInOrder("u1", "a", "b", "c");
        PairRowStore pairs = (PairRowStore) driver.getStateStore(ItemStatsUpdater.PAIRS_STORE);

        // what is left once memory is dropped is what Kafka Streams' commits had the store write
        pairs.clearCache();

        Map<String, Long> row = new HashMap<>();
        pairs.forEach("b", row::put);
        assertThat(row).containsOnly(Map.entry("a", 1L), Map.entry("c", 1L));
    }

    @Test
    void aNewItemCountsCoOccurrencesOnlyWithTheItemsInTheWindow() {
        restartWith(defaultsWith(1, TopologySettings.defaults("streamrec-processor").neighbours()));
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"sourceWeights": {"popular": 0, "trending": 0}, "similarity": "cooccurrence"}"""), 43));
        // c comes when b is the most recent item: it pairs with b only, not with a
        viewInOrder("u1", "a", "b", "c");
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();

        interactions.pipeInput("v1", interaction("f1", "v1", "a", InteractionType.view, T0.plusSeconds(5)));
        interactions.pipeInput("v2", interaction("f2", "v2", "c", InteractionType.view, T0.plusSeconds(5)));

        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .containsExactly("b");
        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .containsExactly("b");
    }

    @Test
    void popularItemsFollowThePublishedLeaderboardsAsTheyChange() {
        strategy.set(new ActiveStrategy(Strategy.parse("promo", """
                {"sourceWeights": {"similar": 0, "popular": 1, "trending": 0}}"""), 44));
        interactions.pipeInput("u1", interaction("e1", "u1", "a", InteractionType.purchase, T0));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();
        interactions.pipeInput("u2", interaction("e2", "u2", "x", InteractionType.view, T0));
        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .containsExactly("a");

        // b overtakes a; the next recommendation must see the newly published board, not a cached old one
        interactions.pipeInput("u3", interaction("e3", "u3", "b", InteractionType.purchase, T0));
        interactions.pipeInput("u4", interaction("e4", "u4", "b", InteractionType.purchase, T0));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        recommendations.readValuesToList();
        interactions.pipeInput("u5", interaction("e5", "u5", "y", InteractionType.view, T0));

        assertThat(recommendations.readValue().getItems()).extracting(RecommendedItem::getItemId)
                .startsWith("b", "a");
    }

    @Test
    void aStrategyChangeReEmitsTheRecommendationsOfActiveUsers() {
        interactions.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0));
        interactions.pipeInput("u2", interaction("e2", "u2", "i2", InteractionType.view, T0));
        recommendations.readValuesToList();

        strategy.set(new ActiveStrategy(Strategy.parse("promo", "{\"pinned\": {\"default\": [\"n1\"]}}"), 50));
        driver.advanceWallClockTime(java.time.Duration.ofMillis(100));

        Map<String, Recommendations> reemitted = recommendations.readKeyValuesToMap();
        assertThat(reemitted).containsOnlyKeys("u1", "u2");
        assertThat(reemitted.get("u1").getStrategyVersion()).isEqualTo(50);
        assertThat(reemitted.get("u1").getTriggerEventId()).as("triggered by the strategy, not an event").isNull();
        assertThat(reemitted.get("u1").getItems()).extracting(RecommendedItem::getItemId).containsExactly("n1");
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicRawAndProcessingContinues() {
        byte[] key = "u1".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        rawInteractions.pipeInput(new TestRecord<>(key, garbage, headers, T0));
        interactions.pipeInput("u1", interaction("e2", "u1", "i1", InteractionType.view, T0));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "trace")).as("the original headers stay").isEqualTo("t-1");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(INTERACTIONS);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("undecodable");
        assertThat(header(dead, DeadLetterHeaders.ERROR)).contains("Confluent wire format");
        assertThat(rejected("undecodable")).isEqualTo(1.0);

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getTriggerEventId)
                .as("the bad record produced nothing, the next one was processed").containsExactly("e2");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsUndecodable() {
        rawInteractions.pipeInput("u1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 3, (byte) 231, 2});

        assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("undecodable");
    }

    @Test
    void aKeyThatIsNotTheUserIdIsRejected() {
        interactions.pipeInput("someone-else", interaction("e1", "u1", "i1", InteractionType.view, T0));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("key-mismatch");
        assertThat(header(dead, DeadLetterHeaders.ERROR)).contains("someone-else").contains("u1");
        assertThat(edges.isEmpty()).isTrue();
        assertThat(recommendations.isEmpty()).isTrue();
    }

    @Test
    void aRecordWithoutKeyOrValueIsRejected() {
        rawInteractions.pipeInput(null, interactionSerde.serialize(INTERACTIONS,
                interaction("e1", "u1", "i1", InteractionType.view, T0)));
        rawInteractions.pipeInput(new TestRecord<>("u1".getBytes(StandardCharsets.UTF_8), null));

        assertThat(deadLetters.readRecordsToList()).extracting(dead -> header(dead, DeadLetterHeaders.REASON))
                .containsExactly("missing-key", "missing-value");
        assertThat(rejected("missing-key")).isEqualTo(1.0);
        assertThat(rejected("missing-value")).isEqualTo(1.0);
    }

    @Test
    void anUnreachableRegistryFailsTheRecordInsteadOfDeadLetteringIt() throws IOException {
        driver.close();
        SchemaRegistryClient unreachable = SchemaRegistryClient.http("http://127.0.0.1:" + closedPort());
        driver = driver(RecommendationTopology.build(unreachable, StrategyResolver.fixed(strategy::get), meters));
        deadLetters = driver.createOutputTopic(Topics.INTERACTIONS_DLQ.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TestInputTopic<String, Interaction> input =
                driver.createInputTopic(INTERACTIONS, new StringSerializer(), interactionSerde);

        assertThatThrownBy(() -> input.pipeInput("u1", interaction("e1", "u1", "i1", InteractionType.view, T0)))
                .isInstanceOf(StreamsException.class)
                .hasStackTraceContaining("cannot reach the schema registry");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    /** The user views the items one second apart from T0, in this order. */
    private void viewInOrder(String user, String... items) {
        for (int i = 0; i < items.length; i++) {
            interactions.pipeInput(user, interaction(user + "-e" + i, user, items[i], InteractionType.view,
                    T0.plusSeconds(i)));
        }
    }

    /** The topology tests' defaults with another co-occurrence window and K. */
    private static TopologySettings defaultsWith(int cooccurrenceWindow, int neighbours) {
        TopologySettings d = TopologySettings.defaults("streamrec-processor");
        return new TopologySettings(d.itemUpdatesTopic(), d.neighboursTopic(), d.rankingsTopic(), d.itemPartitions(),
                d.dedupWindow(), d.historySize(), cooccurrenceWindow, d.maxSeeds(), neighbours, d.rowCacheSize(),
                d.leaderboardSize(), d.publishInterval(), d.publishMaxItems(), d.popularityHalfLife(),
                d.trendingHalfLife(), d.coalesce(), d.backfill(), d.reemitWindow(), d.reemitPerSecond(),
                d.pairRowsSize());
    }

    private TopologyTestDriver driver(Topology topology) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "streamrec-processor-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(topology, properties, WALL_CLOCK);
    }

    private double rejected(String reason) {
        return meters.get("streamrec.processor.rejected").tag("reason", reason).counter().count();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Interaction interaction(String eventId, String userId, String itemId, InteractionType type, Instant at) {
        return Interaction.newBuilder().setEventId(eventId).setUserId(userId).setItemId(itemId)
                .setType(type).setEventTime(at).setContext(Map.of()).build();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
