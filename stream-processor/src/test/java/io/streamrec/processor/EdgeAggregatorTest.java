package io.streamrec.processor;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.VertexAttributes;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theFirstInteractionStartsTheAggregate() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0), 1.0);

        assertThat(edge.getUserId()).isEqualTo("u1");
        assertThat(edge.getItemId()).isEqualTo("i1");
        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.getWeight()).isEqualTo(1.0);
        assertThat(edge.getFirstSeen()).isEqualTo(T0);
        assertThat(edge.getLastSeen()).isEqualTo(T0);
    }

    @Test
    void laterInteractionsCountPerTypeAndAddTheirWeight() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0), 1.0);
        edge = aggregate(edge, interaction(InteractionType.view, T0.plusSeconds(10)), 1.0);
        edge = aggregate(edge, interaction(InteractionType.purchase, T0.plusSeconds(20)), 8.0);

        assertThat(edge.getCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("view", 2L, "purchase", 1L));
        assertThat(edge.getWeight()).isEqualTo(10.0);
        assertThat(edge.getFirstSeen()).isEqualTo(T0);
        assertThat(edge.getLastSeen()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void anOutOfOrderEventOnlyWidensTheSpan() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.click, T0), 2.0);
        UserItemEdge earlier = aggregate(edge, interaction(InteractionType.click, T0.minusSeconds(60)), 2.0);

        assertThat(earlier.getFirstSeen()).isEqualTo(T0.minusSeconds(60));
        assertThat(earlier.getLastSeen()).as("not moved back").isEqualTo(T0);
        assertThat(earlier.getCounts()).containsExactlyEntriesOf(Map.of("click", 2L));
    }

    @Test
    void theInputAggregateIsNotChanged() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0), 1.0);
        aggregate(edge, interaction(InteractionType.rate, T0.plusSeconds(1)), 3.0);

        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.getWeight()).isEqualTo(1.0);
    }

    @Test
    void contextEntriesBecomeUserAndItemAttributesSeenAtTheEventTime() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0,
                Map.of("user.country", "FR", "item.name", "Red shoe", "item.category", "shoes", "page", "/home")), 1.0);

        assertThat(edge.getUserAttributes()).containsExactlyEntriesOf(Map.of("country", new AttributeValue("FR", T0)));
        assertThat(edge.getItemAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", new AttributeValue("Red shoe", T0), "category", new AttributeValue("shoes", T0)));
    }

    @Test
    void aNewerValueReplacesAnOlderOneAndNotTheOtherWayRound() {
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0, Map.of("item.price", "10")), 1.0);
        edge = aggregate(edge, interaction(InteractionType.view, T0.plusSeconds(60), Map.of("item.price", "12")), 1.0);
        UserItemEdge late = aggregate(edge,
                interaction(InteractionType.view, T0.plusSeconds(30), Map.of("item.price", "11", "item.color", "red")),
                1.0);

        assertThat(late.getItemAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "price", new AttributeValue("12", T0.plusSeconds(60)),
                "color", new AttributeValue("red", T0.plusSeconds(30))));
    }

    @Test
    void valuesSeenAtTheSameTimeResolveToTheLargerWhateverTheOrder() {
        Interaction a = interaction(InteractionType.view, T0, Map.of("user.segment", "gold"));
        Interaction b = interaction(InteractionType.click, T0, Map.of("user.segment", "silver"));

        assertThat(aggregate(aggregate(null, a, 1.0), b, 1.0).getUserAttributes())
                .isEqualTo(aggregate(aggregate(null, b, 1.0), a, 1.0).getUserAttributes())
                .containsEntry("segment", new AttributeValue("silver", T0));
    }

    @Test
    void eventsInAnyOrderGiveTheSameEdge() {
        Random random = new Random(7);
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(interaction(InteractionType.view, T0.plusSeconds(random.nextInt(10)),
                    Map.of("item.stock", "s" + random.nextInt(4), "user.tier", "t" + random.nextInt(4))));
        }
        UserItemEdge expected = fold(events);

        for (int round = 0; round < 10; round++) {
            List<Interaction> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            assertThat(fold(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void entriesOverTheLimitsAreLeftOutAndCountedButTheEventCounts() {
        Map<String, String> context = new HashMap<>();
        context.put("item.name", "x".repeat(VertexAttributes.MAX_VALUE_LENGTH + 1));
        context.put("user.bad name", "x");
        context.put("user.ok", "yes");
        AtomicInteger ignored = new AtomicInteger();

        UserItemEdge edge = EdgeAggregator.aggregate(null, interaction(InteractionType.view, T0, context), 1.0,
                ignored::addAndGet);

        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.getUserAttributes()).containsOnlyKeys("ok");
        assertThat(edge.getItemAttributes()).isEmpty();
        assertThat(ignored).hasValue(2);
    }

    @Test
    void attributesBeyondAFullVertexAreCountedAsIgnored() {
        Map<String, String> full = new HashMap<>();
        for (int i = 0; i < VertexAttributes.MAX_PER_VERTEX; i++) {
            full.put(String.format("item.a%02d", i), "v");
        }
        UserItemEdge edge = aggregate(null, interaction(InteractionType.view, T0, full), 1.0);
        AtomicInteger ignored = new AtomicInteger();

        UserItemEdge more = EdgeAggregator.aggregate(edge,
                interaction(InteractionType.view, T0.plusSeconds(1), Map.of("item.zz", "v", "item.a00", "new")), 1.0,
                ignored::addAndGet);

        assertThat(more.getItemAttributes()).hasSize(VertexAttributes.MAX_PER_VERTEX).doesNotContainKey("zz")
                .containsEntry("a00", new AttributeValue("new", T0.plusSeconds(1)));
        assertThat(ignored).hasValue(1);
    }

    @Test
    void theProcessorStoresForwardsAndMetersIgnoredAttributes() {
        SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        MockProcessorContext<UserItemKey, UserItemEdge> context = new MockProcessorContext<>();
        KeyValueStore<UserItemKey, UserItemEdge> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(EdgeAggregator.STORE),
                        AvroSerde.forKeys(registry, UserItemKey.class),
                        AvroSerde.forValues(registry, UserItemEdge.class))
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        EdgeAggregator aggregator = new EdgeAggregator(StrategyResolver.fixed(ActiveStrategy::builtIn));
        aggregator.init(context);

        aggregator.process(new Record<>("u1", interaction(InteractionType.view, T0,
                Map.of("item.name", "shoe", "item.", "no name", "user.x y", "bad")), T0.toEpochMilli()));

        UserItemEdge stored = store.get(new UserItemKey("u1", "i1"));
        assertThat(stored.getItemAttributes()).containsOnlyKeys("name");
        assertThat(context.forwarded()).singleElement()
                .satisfies(forwarded -> assertThat(forwarded.record().value()).isEqualTo(stored));
        assertThat(metric(context, EdgeAggregator.IGNORED_ATTRIBUTES + "-total").metricValue()).isEqualTo(2.0);
    }

    private static Metric metric(MockProcessorContext<?, ?> context, String name) {
        return context.metrics().metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static UserItemEdge fold(List<Interaction> events) {
        UserItemEdge edge = null;
        for (Interaction event : events) {
            edge = aggregate(edge, event, 1.0);
        }
        return edge;
    }

    private static UserItemEdge aggregate(UserItemEdge previous, Interaction interaction, double weight) {
        return EdgeAggregator.aggregate(previous, interaction, weight, ignored -> {
            throw new AssertionError(ignored + " attributes ignored");
        });
    }

    static Interaction interaction(InteractionType type, Instant at) {
        return interaction(type, at, Map.of());
    }

    static Interaction interaction(InteractionType type, Instant at, Map<String, String> context) {
        return Interaction.newBuilder().setEventId("e-" + at.toEpochMilli()).setUserId("u1").setItemId("i1")
                .setType(type).setEventTime(at).setContext(context).build();
    }
}
