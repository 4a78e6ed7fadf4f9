package io.streamrec.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollTest {

    @Test
    void returnsTheFirstValueThatIsDone() {
        AtomicInteger calls = new AtomicInteger();

        int value = Poll.until(Duration.ofSeconds(5), calls::incrementAndGet, n -> n >= 3);

        assertThat(value).isEqualTo(3);
    }

    @Test
    void failsWithTheLastValueSeen() {
        assertThatThrownBy(() -> Poll.until(Duration.ofMillis(100), () -> "still-empty", String::isEmpty))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the last value was still-empty");
    }

    @Test
    void treatsAThrowingProbeAsNotYetAndReportsItsLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(Poll.until(Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not ready");
            }
            return "ready";
        }, "ready"::equals)).isEqualTo("ready");

        assertThatThrownBy(() -> Poll.until(Duration.ofMillis(100), () -> {
            throw new IllegalStateException("connection refused");
        }, x -> true))
                .hasMessageContaining("the probe threw java.lang.IllegalStateException: connection refused")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void untilTrueNamesTheCondition() {
        assertThatThrownBy(() -> Poll.untilTrue(Duration.ofMillis(50), () -> false, "the sink to flush"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("timed out waiting for the sink to flush");
    }

    @Test
    void stopsAtTheDeadline() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Poll.until(Duration.ofMillis(300), () -> 0, x -> false));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
    }
}
