package io.streamrec.push;

import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogHandlerTest {
    @TempDir
    Path dir;

    @Test
    void aCatalogueOfItemIdsAndNamesIsAccepted() throws Exception {
        Path file = Files.writeString(dir.resolve("catalog.json"), "[{\"itemId\":\"i1\",\"name\":\"Socks\"}]");

        assertThatNoException().isThrownBy(() -> CatalogHandler.fromFile(file));
    }

    @Test
    void brokenCataloguesStopTheStartWithTheReason() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "[{");
        Path notArray = Files.writeString(dir.resolve("b.json"), "{\"itemId\":\"i1\"}");
        Path noName = Files.writeString(dir.resolve("c.json"), "[{\"itemId\":\"i1\",\"name\":\"ok\"},{\"itemId\":\"i2\"}]");

        assertThatThrownBy(() -> CatalogHandler.fromFile(notJson)).isInstanceOf(StartupException.class)
                .hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> CatalogHandler.fromFile(notArray)).isInstanceOf(StartupException.class)
                .hasMessageContaining("must hold a JSON array");
        assertThatThrownBy(() -> CatalogHandler.fromFile(noName)).isInstanceOf(StartupException.class)
                .hasMessageContaining("entry 1 needs the strings itemId and name");
        assertThatThrownBy(() -> CatalogHandler.fromFile(dir.resolve("missing.json")))
                .isInstanceOf(StartupException.class).hasMessageContaining("cannot read");
    }
}
