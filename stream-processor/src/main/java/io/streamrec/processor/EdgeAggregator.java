package io.streamrec.processor;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds each interaction into the absolute aggregate of its user and item, stores it and forwards it: one store read
 * and one write per event. The input is keyed by userId, so every key of a user lives in this task's store and no
 * repartition is needed. Each interaction adds the event-type weight of the strategy in force when it is processed.
 */
final class EdgeAggregator implements Processor<String, Interaction, UserItemKey, UserItemEdge> {
    static final String STORE = "edge-aggregates";

    private final StrategyResolver strategies;
    private KeyValueStore<UserItemKey, UserItemEdge> edges;
    private ProcessorContext<UserItemKey, UserItemEdge> context;

    EdgeAggregator(StrategyResolver strategies) {
        this.strategies = strategies;
    }

    @Override
    public void init(ProcessorContext<UserItemKey, UserItemEdge> context) {
        this.context = context;
        this.edges = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        Interaction interaction = record.value();
        UserItemKey key = new UserItemKey(interaction.getUserId(), interaction.getItemId());
        UserItemEdge edge = aggregate(edges.get(key), interaction,
                strategies.assign(record.key()).active().strategy().weightOf(interaction.getType()));
        edges.put(key, edge);
        context.forward(record.withKey(key).withValue(edge));
    }

    /** {@code previous} (null for the first interaction) with one more interaction of the given weight. */
    static UserItemEdge aggregate(UserItemEdge previous, Interaction interaction, double weight) {
        Instant at = interaction.getEventTime();
        if (previous == null) {
            return new UserItemEdge(interaction.getUserId(), interaction.getItemId(),
                    Map.of(interaction.getType().name(), 1L), weight, at, at);
        }
        Map<String, Long> counts = new HashMap<>(previous.getCounts());
        counts.merge(interaction.getType().name(), 1L, Long::sum);
        // events may arrive out of order: the span only ever widens
        Instant firstSeen = at.isBefore(previous.getFirstSeen()) ? at : previous.getFirstSeen();
        Instant lastSeen = at.isAfter(previous.getLastSeen()) ? at : previous.getLastSeen();
        return new UserItemEdge(previous.getUserId(), previous.getItemId(), counts, previous.getWeight() + weight,
                firstSeen, lastSeen);
    }
}
