package io.streamrec.processor;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.UserItemKey;
import io.streamrec.schemas.VertexAttributes;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Folds each interaction into the absolute aggregate of its user and item, stores it and forwards it: one store read
 * and one write per event. The input is keyed by userId, so every key of a user lives in this task's store and no
 * repartition is needed. Each interaction adds the event-type weight of the strategy in force when it is processed.
 * <p>
 * Its context entries {@code user.<name>} and {@code item.<name>} become the edge's user and item attributes, merged
 * by {@link VertexAttributes#merge} (per name the newest event time wins), so events arriving out of order give the
 * same edge. Entries outside {@link VertexAttributes}' limits are left out, never the event, and counted by a Kafka
 * Streams sensor, which {@code /metrics} shows as {@code kafka_stream_streamrec_context_attributes_ignored_total}.
 */
final class EdgeAggregator implements Processor<String, Interaction, UserItemKey, UserItemEdge> {
    static final String STORE = "edge-aggregates";
    static final String IGNORED_ATTRIBUTES = "context-attributes-ignored";

    private final StrategyResolver strategies;
    private KeyValueStore<UserItemKey, UserItemEdge> edges;
    private ProcessorContext<UserItemKey, UserItemEdge> context;
    private Sensor ignoredAttributes;

    EdgeAggregator(StrategyResolver strategies) {
        this.strategies = strategies;
    }

    @Override
    public void init(ProcessorContext<UserItemKey, UserItemEdge> context) {
        this.context = context;
        this.edges = context.getStateStore(STORE);
        // the thread's tasks share the sensor: the metrics registry hands back the one already added
        this.ignoredAttributes = context.metrics().addRateTotalSensor("streamrec", "edge-aggregator",
                IGNORED_ATTRIBUTES, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        Interaction interaction = record.value();
        UserItemKey key = new UserItemKey(interaction.getUserId(), interaction.getItemId());
        UserItemEdge edge = aggregate(edges.get(key), interaction,
                strategies.assign(record.key()).active().strategy().weightOf(interaction.getType()),
                this::countIgnoredAttributes);
        edges.put(key, edge);
        context.forward(record.withKey(key).withValue(edge));
    }

    private void countIgnoredAttributes(int ignored) {
        // the sensor's total counts recordings, not their values
        for (int i = 0; i < ignored; i++) {
            ignoredAttributes.record();
        }
    }

    /**
     * {@code previous} (null for the first interaction) with one more interaction of the given weight; the number of
     * its context attributes left out (over the limits, or beyond a full vertex) goes to {@code ignoredAttributes}
     * when there are any.
     */
    static UserItemEdge aggregate(UserItemEdge previous, Interaction interaction, double weight,
                                  IntConsumer ignoredAttributes) {
        Instant at = interaction.getEventTime();
        VertexAttributes.Extracted user = VertexAttributes.fromContext(interaction.getContext(),
                VertexAttributes.USER_PREFIX, at);
        VertexAttributes.Extracted item = VertexAttributes.fromContext(interaction.getContext(),
                VertexAttributes.ITEM_PREFIX, at);
        Map<String, AttributeValue> userAttributes = VertexAttributes.merge(
                previous == null ? Map.of() : previous.getUserAttributes(), user.attributes());
        Map<String, AttributeValue> itemAttributes = VertexAttributes.merge(
                previous == null ? Map.of() : previous.getItemAttributes(), item.attributes());
        int ignored = user.ignored() + item.ignored() + leftOut(user, userAttributes) + leftOut(item, itemAttributes);
        if (ignored > 0) {
            ignoredAttributes.accept(ignored);
        }
        if (previous == null) {
            return new UserItemEdge(interaction.getUserId(), interaction.getItemId(),
                    Map.of(interaction.getType().name(), 1L), weight, at, at, userAttributes, itemAttributes);
        }
        Map<String, Long> counts = new HashMap<>(previous.getCounts());
        counts.merge(interaction.getType().name(), 1L, Long::sum);
        // events may arrive out of order: the span only ever widens
        Instant firstSeen = at.isBefore(previous.getFirstSeen()) ? at : previous.getFirstSeen();
        Instant lastSeen = at.isAfter(previous.getLastSeen()) ? at : previous.getLastSeen();
        return new UserItemEdge(previous.getUserId(), previous.getItemId(), counts, previous.getWeight() + weight,
                firstSeen, lastSeen, userAttributes, itemAttributes);
    }

    /** The event's valid attributes that the full vertex had no room for. */
    private static int leftOut(VertexAttributes.Extracted extracted, Map<String, AttributeValue> kept) {
        int leftOut = 0;
        for (String name : extracted.attributes().keySet()) {
            if (!kept.containsKey(name)) {
                leftOut++;
            }
        }
        return leftOut;
    }
}
