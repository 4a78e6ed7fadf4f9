package io.streamrec.gateway;

import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys and the per-client token buckets, without a server. */
class AccessControlTest {

    @Test
    void apiKeysComeFromTheConfigAndAFileAndOnlyThoseAreAccepted() throws Exception {
        Path file = Files.createTempFile("api-keys", ".txt");
        Files.writeString(file, "# the checkout backend\nfile-key-0123456789abcdef\n\n");

        ApiKeys keys = ApiKeys.load(Optional.of(List.of("config-key-0123456789abc")), Optional.of(file.toString()));

        assertThat(keys.required()).isTrue();
        assertThat(keys.count()).isEqualTo(2);
        assertThat(keys.accepts("file-key-0123456789abcdef")).isTrue();
        assertThat(keys.accepts("config-key-0123456789abc")).isTrue();
        assertThat(keys.accepts("config-key-0123456789ab")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(ApiKeys.load(Optional.empty(), Optional.empty()).required()).isFalse();
    }

    @Test
    void shortKeysAndAMissingKeyFileStopTheStart() {
        assertThatThrownBy(() -> ApiKeys.of(List.of("short")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("API key #1 is 5 characters long; use at least 16 random characters");
        assertThatThrownBy(() -> ApiKeys.load(Optional.empty(), Optional.of("/nonexistent/keys")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot read the API key file /nonexistent/keys");
    }

    @Test
    void eachClientHasItsOwnBucketAndANewLimitStartsThemOver() {
        AtomicReference<RateLimit> limit = new AtomicReference<>(new RateLimit(1, 2));
        ClientRateLimiter limiter = new ClientRateLimiter(limit::get);

        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        long wait = limiter.tryAcquire("10.0.0.1");
        assertThat(wait).as("the third within a second waits for a token").isPositive()
                .isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another client").isZero();

        limit.set(new RateLimit(1, 5));
        assertThat(limiter.tryAcquire("10.0.0.1")).as("the new limit's full bucket").isZero();
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }
}
