package io.streamrec.gateway;

import java.util.function.BooleanSupplier;

/**
 * Decides whether a request whose body is read may be handled on the IO thread that read it, instead of being
 * handed to a worker. On two cores shared with the broker the hand-over showed in the profile: a queue, a thread
 * wake-up and a context switch per request, and up to sixteen workers queuing on the producer's per-partition locks
 * where two IO threads hardly meet (see docs/benchmarks.md).
 *
 * <p>Handling a request means parsing, validating, serializing and {@code producer.send}, none of which waits,
 * except {@code send} when the producer's buffer is full (up to {@code max.block.ms}) or the topic's metadata is
 * missing (fetched at start, and kept: see {@link GatewayProducerConfig}). So the IO thread takes only bodies small
 * enough to handle in well under a millisecond, and only while the producer's buffer has at least half of its memory
 * free; anything else goes to a worker, where waiting is harmless. No thread waits for the acknowledgement: the
 * answer is sent from it.
 */
final class IoThreadAdmission {
    /** About 600 benchmark events: well under a millisecond of parsing, validating and serializing. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final int maxBodyBytes;
    private final BooleanSupplier producerHasHeadroom;

    IoThreadAdmission(int maxBodyBytes, BooleanSupplier producerHasHeadroom) {
        this.maxBodyBytes = maxBodyBytes;
        this.producerHasHeadroom = producerHasHeadroom;
    }

    /** Every request goes to a worker. */
    static IoThreadAdmission never() {
        return new IoThreadAdmission(-1, () -> false);
    }

    boolean admits(int bodyBytes) {
        return bodyBytes <= maxBodyBytes && producerHasHeadroom.getAsBoolean();
    }
}
