package io.streamrec.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamrec.schemas.Interaction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;

/**
 * Drops an interaction whose eventId was already processed within the dedup window (a client retry). Input is keyed
 * by userId and a retry carries the same user, so the eventIds of a user are all in this task's window store, whose
 * segments expire by themselves after the window: one fetch and one put per event, bounded storage.
 */
final class Deduplicator implements Processor<String, Interaction, String, Interaction> {
    static final String STORE = "seen-event-ids";

    private final Duration window;
    private final Counter duplicates;
    private WindowStore<String, Long> seen;
    private ProcessorContext<String, Interaction> context;

    Deduplicator(Duration window, MeterRegistry meters) {
        this.window = window;
        this.duplicates = Counter.builder("streamrec.processor.duplicates")
                .description("interactions dropped because their eventId was processed within the dedup window")
                .register(meters);
    }

    @Override
    public void init(ProcessorContext<String, Interaction> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        String eventId = record.value().getEventId();
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, at - window.toMillis(), at + window.toMillis())) {
            if (earlier.hasNext()) {
                duplicates.increment();
                return;
            }
        }
        seen.put(eventId, at, at);
        context.forward(record);
    }
}
