package io.streamrec.processor;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ProcessorConfig.ProcessorSettings processor = load(Map.of()).processor();

        assertThat(processor.host()).isEqualTo("0.0.0.0");
        assertThat(processor.port()).isEqualTo(8082);
        assertThat(processor.applicationId()).isEqualTo("streamrec-processor");
        assertThat(processor.stateDir()).isEqualTo(Path.of("data/processor"));
        assertThat(processor.commitIntervalMs()).isEqualTo(100);
        assertThat(processor.numStreamThreads()).isEqualTo(2);
        assertThat(processor.publishMaxItems()).isEqualTo(50);
        assertThat(processor.reemitPerSecond()).isEqualTo(20_000);
        assertThat(processor.coalesceMs()).isEqualTo(20);
        assertThat(processor.backfillAgeMs()).isEqualTo(60_000);
        assertThat(processor.backfillCoalesceMs()).isEqualTo(1_000);
        assertThat(processor.backfillDedupWindowMs()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(processor.pairRowsSize()).isEqualTo(4_000_000);
        assertThat(processor.cooccurrenceWindow()).isEqualTo(30);
        assertThat(processor.itemPartitions()).as("as many as interactions").isEmpty();
        assertThat(processor.strategy()).isEqualTo("default");
    }

    @Test
    void kafkaStreamsRunsExactlyOnceWithTheConfiguredSettings() {
        Properties properties = StreamsProperties.of(load(Map.of(
                "streamrec.kafka.bootstrap-servers", "broker:9093",
                "streamrec.processor.application-id", "recs-eu",
                "streamrec.processor.state-dir", "/var/lib/streamrec/processor",
                "streamrec.processor.commit-interval-ms", "250",
                "streamrec.processor.num-stream-threads", "3")));

        assertThat(properties).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "recs-eu")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/streamrec/processor")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .as("Streams derives a client id per instance").doesNotContainKey(StreamsConfig.CLIENT_ID_CONFIG);
    }

    @Test
    void everyInvalidSettingIsReportedAtOnce() {
        ProcessorConfig config = load(Map.of(
                "streamrec.processor.port", "70000",
                "streamrec.processor.application-id", " ",
                "streamrec.processor.commit-interval-ms", "0",
                "streamrec.processor.num-stream-threads", "0",
                "streamrec.processor.pair-rows-size", "-1",
                "streamrec.processor.cooccurrence-window", "0",
                "streamrec.processor.item-partitions", "0",
                "streamrec.processor.strategy", "a/b"));

        assertThatThrownBy(() -> new StreamProcessor(config))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("streamrec.processor.port")
                .hasMessageContaining("streamrec.processor.application-id")
                .hasMessageContaining("streamrec.processor.commit-interval-ms")
                .hasMessageContaining("streamrec.processor.num-stream-threads")
                .hasMessageContaining("streamrec.processor.pair-rows-size")
                .hasMessageContaining("streamrec.processor.cooccurrence-window")
                .hasMessageContaining("streamrec.processor.item-partitions")
                .hasMessageContaining("streamrec.processor.strategy");
    }

    private static ProcessorConfig load(Map<String, String> overrides) {
        return ConfigLoader.load(ProcessorConfig.class, Optional.empty(), overrides);
    }
}
