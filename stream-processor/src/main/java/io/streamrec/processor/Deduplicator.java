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
 * Drops an interaction whose eventId was already processed: a client's retry, or an import run again. Input is keyed
 * by userId and a copy carries the same user, so the eventIds of a user are all in this task's window stores, whose
 * segments expire by themselves: a fetch or two and one put per event, bounded storage.
 *
 * <p>A live event's id is kept in {@value #STORE} for the dedup window around its record time, where a retry lands
 * seconds later. A {@link Backfill} event's record time says nothing about when a copy may come (an import is run
 * again tomorrow, with timestamps from 1997), so its id is kept in {@value #BACKFILL_STORE} by processing time, for the
 * backfill dedup window; it is also looked for among the live ids, since a retry may be old enough to count as
 * backfill when the original was not.
 */
final class Deduplicator implements Processor<String, Interaction, String, Interaction> {
    static final String STORE = "seen-event-ids";
    static final String BACKFILL_STORE = "seen-backfill-event-ids";

    private final Duration window;
    private final Backfill backfill;
    private final Counter duplicates;
    private WindowStore<String, Long> seen;
    private WindowStore<String, Long> seenBackfill;
    private ProcessorContext<String, Interaction> context;

    Deduplicator(Duration window, Backfill backfill, MeterRegistry meters) {
        this.window = window;
        this.backfill = backfill;
        this.duplicates = Counter.builder("streamrec.processor.duplicates")
                .description("interactions dropped because their eventId was already processed")
                .register(meters);
    }

    @Override
    public void init(ProcessorContext<String, Interaction> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
        this.seenBackfill = context.getStateStore(BACKFILL_STORE);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        String eventId = record.value().getEventId();
        long at = record.timestamp();
        long now = context.currentSystemTimeMs();
        boolean isBackfill = backfill.includes(record.value().getEventTime().toEpochMilli(), now);
        if (contains(seen, eventId, at - window.toMillis(), at + window.toMillis())
                || isBackfill && contains(seenBackfill, eventId, now - backfill.dedupWindow().toMillis(), now)) {
            duplicates.increment();
            return;
        }
        if (isBackfill) {
            seenBackfill.put(eventId, now, now);
        } else {
            seen.put(eventId, at, at);
        }
        context.forward(record);
    }

    private static boolean contains(WindowStore<String, Long> store, String eventId, long from, long to) {
        try (WindowStoreIterator<Long> earlier = store.fetch(eventId, from, to)) {
            return earlier.hasNext();
        }
    }
}
