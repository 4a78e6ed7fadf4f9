package io.streamrec.processor;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theFirstInteractionStartsTheAggregate() {
        UserItemEdge edge = EdgeAggregator.aggregate(null, interaction(InteractionType.view, T0), 1.0);

        assertThat(edge.getUserId()).isEqualTo("u1");
        assertThat(edge.getItemId()).isEqualTo("i1");
        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.getWeight()).isEqualTo(1.0);
        assertThat(edge.getFirstSeen()).isEqualTo(T0);
        assertThat(edge.getLastSeen()).isEqualTo(T0);
    }

    @Test
    void laterInteractionsCountPerTypeAndAddTheirWeight() {
        UserItemEdge edge = EdgeAggregator.aggregate(null, interaction(InteractionType.view, T0), 1.0);
        edge = EdgeAggregator.aggregate(edge, interaction(InteractionType.view, T0.plusSeconds(10)), 1.0);
        edge = EdgeAggregator.aggregate(edge, interaction(InteractionType.purchase, T0.plusSeconds(20)), 8.0);

        assertThat(edge.getCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("view", 2L, "purchase", 1L));
        assertThat(edge.getWeight()).isEqualTo(10.0);
        assertThat(edge.getFirstSeen()).isEqualTo(T0);
        assertThat(edge.getLastSeen()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void anOutOfOrderEventOnlyWidensTheSpan() {
        UserItemEdge edge = EdgeAggregator.aggregate(null, interaction(InteractionType.click, T0), 2.0);
        UserItemEdge earlier = EdgeAggregator.aggregate(edge, interaction(InteractionType.click, T0.minusSeconds(60)), 2.0);

        assertThat(earlier.getFirstSeen()).isEqualTo(T0.minusSeconds(60));
        assertThat(earlier.getLastSeen()).as("not moved back").isEqualTo(T0);
        assertThat(earlier.getCounts()).containsExactlyEntriesOf(Map.of("click", 2L));
    }

    @Test
    void theInputAggregateIsNotChanged() {
        UserItemEdge edge = EdgeAggregator.aggregate(null, interaction(InteractionType.view, T0), 1.0);
        EdgeAggregator.aggregate(edge, interaction(InteractionType.rate, T0.plusSeconds(1)), 3.0);

        assertThat(edge.getCounts()).containsExactlyEntriesOf(Map.of("view", 1L));
        assertThat(edge.getWeight()).isEqualTo(1.0);
    }

    static Interaction interaction(InteractionType type, Instant at) {
        return Interaction.newBuilder().setEventId("e-" + at.toEpochMilli()).setUserId("u1").setItemId("i1")
                .setType(type).setEventTime(at).setContext(Map.of()).build();
    }
}
