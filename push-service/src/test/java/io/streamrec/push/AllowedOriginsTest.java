package io.streamrec.push;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedOriginsTest {

    @Test
    void unconfiguredMeansOnlyPagesFromThisServer() {
        AllowedOrigins sameOrigin = new AllowedOrigins(Optional.empty());

        assertThat(sameOrigin.permits("http://localhost:8081", "localhost:8081")).isTrue();
        assertThat(sameOrigin.permits("https://Push.Example.com", "push.example.com")).isTrue();
        assertThat(sameOrigin.permits("http://localhost:3000", "localhost:8081")).isFalse();
        assertThat(sameOrigin.permits("https://evil.example", "push.example.com")).isFalse();
        assertThat(sameOrigin.permits("null", "localhost:8081")).isFalse();
        assertThat(sameOrigin.permits("http://localhost:8081", null)).isFalse();
    }

    @Test
    void aListAllowsExactlyItsOrigins() {
        AllowedOrigins listed = new AllowedOrigins(Optional.of(List.of("https://shop.example.com/", "http://localhost:3000")));

        assertThat(listed.permits("https://shop.example.com", "push.example.com")).isTrue();
        assertThat(listed.permits("HTTPS://SHOP.EXAMPLE.COM", "push.example.com")).isTrue();
        assertThat(listed.permits("http://localhost:3000", "push.example.com")).isTrue();
        assertThat(listed.permits("http://shop.example.com", "push.example.com")).isFalse();
        assertThat(listed.permits("https://shop.example.com.evil.example", "push.example.com")).isFalse();
        // a configured list replaces the same-origin default
        assertThat(listed.permits("https://push.example.com", "push.example.com")).isFalse();
    }

    @Test
    void aStarAllowsAnyOrigin() {
        AllowedOrigins any = new AllowedOrigins(Optional.of(List.of("*")));

        assertThat(any.permits("https://anything.example", "push.example.com")).isTrue();
        assertThat(any.permits("null", "push.example.com")).isTrue();
    }
}
