package io.streamrec.push;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushSettingsCheckTest {

    @Test
    void theDefaultsAreValidAndDocumented() {
        PushConfig.PushSettings push = load(Map.of()).push();

        assertThatNoException().isThrownBy(() -> PushSettingsCheck.validate(push));
        assertThat(push.port()).isEqualTo(8081);
        assertThat(push.demoMode()).isFalse();
        assertThat(push.allowedOrigins()).isEmpty();
        assertThat(push.tokenTtlSeconds()).isEqualTo(3600);
        assertThat(push.maxConnections()).isEqualTo(100_000);
        assertThat(push.gatewayUrl()).isEqualTo("http://localhost:8080");
        assertThat(push.catalogFile()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        PushConfig.PushSettings push = load(Map.of(
                "streamrec.push.ping-interval-seconds", "30",
                "streamrec.push.idle-timeout-seconds", "30",
                "streamrec.push.send-timeout-ms", "0",
                "streamrec.push.max-connections", "0",
                "streamrec.push.gateway-url", "localhost:8080",
                "streamrec.push.allowed-origins", "https://shop.example.com,shop.example.com")).push();

        assertThatThrownBy(() -> PushSettingsCheck.validate(push))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("idle-timeout-seconds (30) must exceed")
                .hasMessageContaining("send-timeout-ms must be positive")
                .hasMessageContaining("max-connections must be positive")
                .hasMessageContaining("gateway-url: 'localhost:8080' is not an http(s) URL")
                .hasMessageContaining("'shop.example.com' is not an origin")
                .hasMessageNotContaining("'https://shop.example.com'");
    }

    @Test
    void constructingTheServiceWithoutASecretFailsClearly() {
        // empty overrides win over any secret in the environment of whoever runs the test
        PushConfig config = load(Map.of("streamrec.push.token-secret", "", "streamrec.push.token-secret-file", ""));

        assertThatThrownBy(() -> new PushService(config))
                .isInstanceOf(StartupException.class).hasMessageContaining("no feed token secret");
    }

    private static PushConfig load(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        return ConfigLoader.load(PushConfig.class, Optional.empty(), all);
    }
}
