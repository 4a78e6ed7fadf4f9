package io.streamrec.cli.importer;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportFormatTest {

    @Test
    void movieLensRatingsBecomeRateEventsAtTheirOriginalTime() {
        Interaction event = ImportFormat.MOVIELENS.parse("196\t242\t3\t881250949").orElseThrow();

        assertThat(event.getUserId()).isEqualTo("196");
        assertThat(event.getItemId()).isEqualTo("242");
        assertThat(event.getType()).isEqualTo(InteractionType.rate);
        assertThat(event.getValue()).isEqualTo(3.0);
        assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochSecond(881250949));
    }

    @Test
    void eventIdsDependOnTheContentOnly() {
        String a = ImportFormat.MOVIELENS.parse("196\t242\t3\t881250949").orElseThrow().getEventId();
        String again = ImportFormat.MOVIELENS.parse("196\t242\t3\t881250949").orElseThrow().getEventId();
        String otherTime = ImportFormat.MOVIELENS.parse("196\t242\t3\t881250950").orElseThrow().getEventId();

        assertThat(a).isEqualTo(again).isNotEqualTo(otherTime);
        assertThat(ImportFormat.CSV.parse("u1,i1,view,1000,,my-id").orElseThrow().getEventId()).isEqualTo("my-id");
    }

    @Test
    void csvTakesIsoOrEpochTimesAndSkipsItsHeader() {
        assertThat(ImportFormat.CSV.parse("userId,itemId,type,eventTime")).isEmpty();
        assertThat(ImportFormat.CSV.parse("u1,i1,purchase,2024-01-02T03:04:05Z,19.5").orElseThrow())
                .satisfies(e -> assertThat(e.getEventTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z")))
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(19.5));
        assertThat(ImportFormat.CSV.parse("u1,i1,view,1700000000000").orElseThrow().getEventTime())
                .isEqualTo(Instant.ofEpochMilli(1700000000000L));
    }

    @Test
    void ndjsonCarriesContext() {
        Interaction event = ImportFormat.NDJSON.parse(
                "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"click\",\"eventTime\":5,\"context\":{\"page\":\"home\"}}").orElseThrow();

        assertThat(event.getContext()).containsEntry("page", "home");
        assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MOVIELENS|196\t242\t3|expected 4 tab-separated fields",
            "MOVIELENS|196\t242\tgood\t881250949|rating must be a number",
            "MOVIELENS|196\t242\t3\tyesterday|unix time must be a whole number",
            "CSV|u1,i1,view|expected userId,itemId,type,eventTime",
            "CSV|u1,i1,fly,1000|type must be one of view, click, add_to_cart, purchase, rate",
            "CSV|,i1,view,1000|userId is required",
            "CSV|u1,i1,view,not-a-time|eventTime must be ISO-8601 or epoch millis",
            "NDJSON|{nope|not JSON",
            "NDJSON|[1]|expected a JSON object",
            "NDJSON|{\"userId\":\"u\",\"type\":\"view\",\"eventTime\":1}|itemId is required"})
    void invalidLinesAreExplained(ImportFormat format, String line, String message) {
        assertThatThrownBy(() -> format.parse(line)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
