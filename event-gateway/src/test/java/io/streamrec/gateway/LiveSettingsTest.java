package io.streamrec.gateway;

import io.streamrec.common.etcd.WatchedPrefix;
import io.streamrec.schemas.InteractionType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The etcd keys' parsers (whose rejections keep the last good value) and how etcd's values overlay the configured. */
class LiveSettingsTest {
    private static final LiveSettings CONFIGURED = new LiveSettings(OriginAllowlist.parse(List.of("https://a.test")),
            new RateLimit(20, 100), EnumSet.allOf(InteractionType.class), false);

    @Test
    void eachKeyParsesItsValue() {
        assertThat(LiveSettingKey.parse("allowed-origins", " https://Shop.test , http://localhost:3000"))
                .isEqualTo(OriginAllowlist.parse(List.of("https://shop.test", "http://localhost:3000")));
        assertThat(LiveSettingKey.parse("rate-limit-per-second", " 7 ")).isEqualTo(7);
        assertThat(LiveSettingKey.parse("accepted-types", "view,purchase"))
                .isEqualTo(EnumSet.of(InteractionType.view, InteractionType.purchase));
        assertThat(LiveSettingKey.parse("maintenance", "ON")).isEqualTo(true);
        assertThat(LiveSettingKey.parse("maintenance", "false")).isEqualTo(false);
    }

    @Test
    void invalidValuesAndUnknownKeysAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LiveSettingKey.parse("rate-limit-burst", "0"))
                .hasMessage("must be a positive integer, got \"0\"");
        assertThatThrownBy(() -> LiveSettingKey.parse("rate-limit-per-second", "ten"))
                .hasMessage("must be a positive integer, got \"ten\"");
        assertThatThrownBy(() -> LiveSettingKey.parse("maintenance", "soon"))
                .hasMessage("must be on or off, got \"soon\"");
        assertThatThrownBy(() -> LiveSettingKey.parse("accepted-types", " , "))
                .hasMessageStartingWith("name at least one event type");
        assertThatThrownBy(() -> LiveSettingKey.parse("allowed-origins", "https://shop.test/path"))
                .hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> LiveSettingKey.parse("allowed-origins", "ftp://shop.test"))
                .hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> LiveSettingKey.parse("max-body-bytes", "1"))
                .hasMessage("unknown key \"max-body-bytes\"; known keys: allowed-origins, rate-limit-per-second,"
                        + " rate-limit-burst, accepted-types, maintenance");
    }

    @Test
    void etcdValuesOverrideTheConfiguredOnesAndAbsentKeysKeepThem() {
        Map<String, WatchedPrefix.Entry<Object>> entries = Map.of(
                "rate-limit-burst", new WatchedPrefix.Entry<>(5, 3),
                "maintenance", new WatchedPrefix.Entry<>(true, 4));

        LiveSettings live = LiveSettingKey.overlay(CONFIGURED, entries);

        assertThat(live.rateLimit()).isEqualTo(new RateLimit(20, 5));
        assertThat(live.maintenance()).isTrue();
        assertThat(live.allowedOrigins()).isEqualTo(CONFIGURED.allowedOrigins());
        assertThat(LiveSettingKey.overlay(CONFIGURED, Map.of())).isEqualTo(CONFIGURED);
    }

    @Test
    void theAllowlistMatchesOriginsCaseInsensitivelyOrAnythingWithAStar() {
        OriginAllowlist list = OriginAllowlist.parse(List.of("https://Shop.test:8443"));

        assertThat(list.allows("https://shop.test:8443")).isTrue();
        assertThat(list.allows("https://shop.test")).isFalse();
        assertThat(list.allows("http://shop.test:8443")).isFalse();
        assertThat(OriginAllowlist.parse(List.of("*")).allows("http://anything.test")).isTrue();
        assertThat(OriginAllowlist.NONE.allows("https://shop.test")).isFalse();
    }
}
