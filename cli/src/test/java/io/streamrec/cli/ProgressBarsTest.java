package io.streamrec.cli;

import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarsTest {

    @Test
    void offATerminalABusyBarWritesItsFirstAndLastStateAsPlainLines() {
        StringWriter err = new StringWriter();
        try (ProgressBar bar = ProgressBars.builder("import", " lines", new PrintWriter(err), false)
                .setInitialMax(1000).build()) {
            for (int line = 1; line <= 1000; line++) {
                bar.stepTo(line);
            }
        }

        List<String> lines = err.toString().lines().toList();
        assertThat(err.toString()).doesNotContain("\r");
        assertThat(lines).as("a line every few seconds, not one per step").hasSizeBetween(1, 3);
        assertThat(lines.get(lines.size() - 1)).startsWith("import 100% [").contains("1000/1000 lines");
    }

    @Test
    void anOpenEndedBarShowsTheCountWithoutAMax() {
        StringWriter err = new StringWriter();
        try (ProgressBar bar = ProgressBars.builder("simulate", " events", new PrintWriter(err), false)
                .hideEta().build()) {
            bar.stepTo(42);
            bar.setExtraMessage(" failed 3");
        }

        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("simulate").contains("42/? events").endsWith("failed 3");
    }
}
