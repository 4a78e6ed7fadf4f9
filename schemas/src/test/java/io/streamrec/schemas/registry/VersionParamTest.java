package io.streamrec.schemas.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionParamTest {

    @Test
    void latestAndMinusOneMeanTheLatestVersion() {
        assertThat(VersionParam.parse("latest")).isEmpty();
        assertThat(VersionParam.parse("-1")).isEmpty();
        assertThat(VersionParam.parse("3")).contains(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "abc", "LATEST", "99999999999", ""})
    void anythingElseIs42202(String text) {
        assertThatThrownBy(() -> VersionParam.parse(text))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(42202);
                    assertThat(e.getMessage()).contains("'" + text + "'");
                });
    }
}
