package io.streamrec.processor;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadFailuresTest {
    private final AtomicLong now = new AtomicLong();
    private final StreamThreadFailures failures = new StreamThreadFailures(now::get);
    private final RuntimeException error = new IllegalStateException("boom");

    @Test
    void aFewFailuresReplaceTheThread() {
        for (int i = 1; i < StreamThreadFailures.MAX_FAILURES; i++) {
            assertThat(failures.handle(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
    }

    @Test
    void tooManyFailuresWithinTheWindowShutTheClientDown() {
        for (int i = 1; i < StreamThreadFailures.MAX_FAILURES; i++) {
            failures.handle(error);
        }

        assertThat(failures.handle(error)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 1; i < StreamThreadFailures.MAX_FAILURES; i++) {
            failures.handle(error);
        }
        now.addAndGet(StreamThreadFailures.WINDOW.toNanos() + 1);

        assertThat(failures.handle(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
