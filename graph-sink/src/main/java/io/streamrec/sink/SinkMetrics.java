package io.streamrec.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink's meters: {@code streamrec_sink_edges_written_total}, {@code streamrec_sink_batch_records},
 * {@code streamrec_sink_write_seconds} (store write of one batch), {@code streamrec_sink_records_skipped_total}
 * by reason, {@code streamrec_sink_errors_total} by stage and kind, {@code streamrec_sink_paused} (1 while
 * consumption is paused on a failing write) and {@code streamrec_sink_batch_pending} (records consumed, not yet
 * written). Consumer lag comes from the Kafka client binder.
 */
final class SinkMetrics {
    private final MeterRegistry registry;
    private final Counter edgesWritten;
    private final DistributionSummary batchRecords;
    private final Timer writeLatency;
    private final AtomicInteger paused = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();

    SinkMetrics(MeterRegistry registry, int batchSize) {
        this.registry = registry;
        this.edgesWritten = Counter.builder("streamrec.sink.edges.written")
                .description("Edges written to the graph store").register(registry);
        this.batchRecords = DistributionSummary.builder("streamrec.sink.batch.records")
                .description("Records per written batch, skipped ones included")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue((double) batchSize)
                .register(registry);
        this.writeLatency = Timer.builder("streamrec.sink.write")
                .description("Time to write one batch to the graph store")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        registry.gauge("streamrec.sink.paused", paused);
        registry.gauge("streamrec.sink.batch.pending", pending);
    }

    void written(int records, int edges, long writeNanos) {
        batchRecords.record(records);
        edgesWritten.increment(edges);
        writeLatency.record(writeNanos, TimeUnit.NANOSECONDS);
    }

    void skipped(SkipReason reason) {
        Counter.builder("streamrec.sink.records.skipped").description("Records passed over instead of written")
                .tag("reason", reason.tag()).register(registry).increment();
    }

    /** {@code stage}: decode, store or commit; retriable errors are retried, the others stop the sink. */
    void error(String stage, boolean retriable) {
        Counter.builder("streamrec.sink.errors").description("Failed batch writes and commits")
                .tag("stage", stage).tag("kind", retriable ? "retriable" : "fatal").register(registry).increment();
    }

    /** Records consumed and not yet written: what a crash would make the sink consume again. */
    void pending(int records) {
        pending.set(records);
    }

    void paused(boolean isPaused) {
        paused.set(isPaused ? 1 : 0);
    }
}
