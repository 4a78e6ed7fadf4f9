package io.streamrec.cli.traffic;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {

    @Test
    void namesAreStableAndUniqueAcrossALargeCatalogue() {
        Catalogue catalogue = new Catalogue(1_000);

        assertThat(catalogue.name(1)).isEqualTo("Walnut Desk Lamp");
        assertThat(Catalogue.itemId(1)).isEqualTo("item-1");
        assertThat(IntStream.rangeClosed(1, 1_000).mapToObj(catalogue::name).distinct().count()).isEqualTo(1_000);
    }
}
