package io.streamrec.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @ConfigMapping(prefix = "streamrec")
    interface SampleConfig {
        KafkaSettings kafka();

        Sample sample();

        interface Sample {
            @WithDefault("8080")
            int port();

            @WithDefault("2")
            int threads();
        }
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        SampleConfig config = ConfigLoader.load(SampleConfig.class, Optional.empty());

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().clientPropertiesFile()).isEmpty();
        assertThat(config.sample().port()).isEqualTo(8080);
    }

    @Test
    void fileOverridesDefaultsAndOverridesWinOverTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("streamrec.properties");
        Files.writeString(file, "streamrec.sample.port=9000\nstreamrec.sample.threads=4\nstreamrec.other.key=ignored\n");

        SampleConfig config = ConfigLoader.load(SampleConfig.class, Optional.of(file), Map.of("streamrec.sample.threads", "8"));

        assertThat(config.sample().port()).isEqualTo(9000);
        assertThat(config.sample().threads()).isEqualTo(8);
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(SampleConfig.class, Optional.empty(),
                Map.of("streamrec.sample.port", "eighty", "streamrec.sample.threads", "many")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("streamrec.sample.port")
                .hasMessageContaining("streamrec.sample.threads");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(SampleConfig.class, Optional.of(missing)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(missing.toString());
    }
}
