package io.streamrec.sink.store;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;

class ArcadeDbSlf4jLoggerTest {

    @Test
    void julLevelsMapToSlf4jLevels() {
        assertThat(ArcadeDbSlf4jLogger.slf4jLevel(java.util.logging.Level.SEVERE)).isEqualTo(Level.ERROR);
        assertThat(ArcadeDbSlf4jLogger.slf4jLevel(java.util.logging.Level.WARNING)).isEqualTo(Level.WARN);
        assertThat(ArcadeDbSlf4jLogger.slf4jLevel(java.util.logging.Level.INFO)).isEqualTo(Level.INFO);
        assertThat(ArcadeDbSlf4jLogger.slf4jLevel(java.util.logging.Level.FINE)).isEqualTo(Level.DEBUG);
        assertThat(ArcadeDbSlf4jLogger.slf4jLevel(java.util.logging.Level.FINEST)).isEqualTo(Level.TRACE);
    }

    @Test
    void messagesAreFormatPatternsButABrokenPatternIsKeptAsItIs() {
        assertThat(ArcadeDbSlf4jLogger.format("opened %s in %d ms", "graph", 12)).isEqualTo("opened graph in 12 ms");
        assertThat(ArcadeDbSlf4jLogger.format("100%% done")).isEqualTo("100%% done");
        assertThat(ArcadeDbSlf4jLogger.format("path /tmp/%z", "x")).isEqualTo("path /tmp/%z");
    }
}
