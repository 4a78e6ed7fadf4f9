package io.streamrec.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AckDeadlinesTest {

    @Test
    void aRequestNotAnsweredInTimeIsTimedOutAndAnAnsweredOneIsNot() throws InterruptedException {
        try (AckDeadlines deadlines = new AckDeadlines(Duration.ofMillis(200))) {
            Request answered = new Request();
            Request overdue = new Request();
            long watchedAt = System.nanoTime();
            deadlines.watch(answered);
            deadlines.watch(overdue);
            answered.done.set(true);

            assertThat(overdue.timedOut.await(5, TimeUnit.SECONDS)).isTrue();
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - watchedAt);
            assertThat(waitedMs).isBetween(200L, 200 + AckDeadlines.SWEEP_INTERVAL.toMillis() + 1000);
            assertThat(answered.timedOut.getCount()).isEqualTo(1);
        }
    }

    @Test
    void aRequestIsTimedOutOnceOnly() throws InterruptedException {
        try (AckDeadlines deadlines = new AckDeadlines(Duration.ofMillis(10))) {
            Request overdue = new Request();
            deadlines.watch(overdue);
            assertThat(overdue.timedOut.await(5, TimeUnit.SECONDS)).isTrue();

            // a later request timed out means later sweeps ran, and they left the first one alone
            Request later = new Request();
            deadlines.watch(later);
            assertThat(later.timedOut.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(overdue.timeOuts).isEqualTo(1);
        }
    }

    private static final class Request implements AckDeadlines.Waiting {
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();
        private final CountDownLatch timedOut = new CountDownLatch(1);
        private volatile int timeOuts;

        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public boolean answered() {
            return done.get();
        }

        @Override
        public void timeOut() {
            timeOuts++;
            timedOut.countDown();
        }
    }
}
