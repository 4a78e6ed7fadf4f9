package io.streamrec.schemas.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityLevelTest {

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse("backward_transitive")).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("FULL")).contains(CompatibilityLevel.FULL);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
    }

    @Test
    void onlyNoneHasNoValidator() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(level.validator().isPresent()).as(level.name()).isEqualTo(level != CompatibilityLevel.NONE);
        }
    }
}
