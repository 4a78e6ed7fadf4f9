package io.streamrec.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-23T12:00:00.123456Z");
    private static final Instant RECEIVED_MILLIS = Instant.parse("2026-11-23T12:00:00.123Z");
    private static final String TYPES = "view, click, add_to_cart, purchase, rate";

    private Set<InteractionType> acceptedTypes = EnumSet.allOf(InteractionType.class);
    private final EventValidator validator = new EventValidator(
            new EventLimits(8, Duration.ofDays(1), Duration.ofDays(365)), () -> "generated-id", () -> acceptedTypes);

    @Test
    void aTypeNotAcceptedRightNowIsRejectedNamingTheAcceptedOnes() {
        acceptedTypes = EnumSet.of(InteractionType.view, InteractionType.purchase);

        assertThatThrownBy(() -> validate("{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"click\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("type click is not accepted by this gateway at the moment; accepted types: view, purchase");
    }

    @Test
    void aMinimalEventGetsAnIdTheReceiveTimeAndEmptyOptionals() throws Exception {
        Interaction event = validate("{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}");

        assertThat(event.getEventId()).isEqualTo("generated-id");
        assertThat(event.getUserId()).isEqualTo("u1");
        assertThat(event.getItemId()).isEqualTo("i1");
        assertThat(event.getType()).isEqualTo(InteractionType.view);
        assertThat(event.getEventTime()).isEqualTo(RECEIVED_MILLIS);
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(event.getValue()).isNull();
        assertThat(event.getContext()).isEmpty();
    }

    @Test
    void aFullEventKeepsEverythingTheClientSent() throws Exception {
        Interaction event = validate("{\"eventId\":\"e-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"rate\","
                + "\"eventTime\":\"2026-11-23T10:15:30.5Z\",\"value\":4.5,\"context\":{\"page\":\"home\",\"device\":\"ios\"}}");

        assertThat(event.getEventId()).isEqualTo("e-1");
        assertThat(event.getType()).isEqualTo(InteractionType.rate);
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-23T10:15:30.500Z"));
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(event.getValue()).isEqualTo(4.5);
        assertThat(event.getContext()).containsExactly(Map.entry("page", "home"), Map.entry("device", "ios"));
    }

    @ParameterizedTest
    @EnumSource(InteractionType.class)
    void everyInteractionTypeIsAccepted(InteractionType type) throws Exception {
        assertThat(validate("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"" + type.name() + "\"}").getType())
                .isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"2026-11-23T10:15:30Z\"      | 2026-11-23T10:15:30Z",
            "\"2026-11-23T12:15:30+02:00\" | 2026-11-23T10:15:30Z",
            "1795428930000                 | 2026-11-23T10:15:30Z",
            "\"2026-11-23T10:15:30.123456789Z\" | 2026-11-23T10:15:30.123Z",
    })
    void eventTimeIsIsoWithAZoneOrEpochMillis(String json, String expected) throws Exception {
        assertThat(validate(event("\"eventTime\":" + json)).getEventTime()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() throws Exception {
        Interaction event = validate(event("\"eventId\":null,\"eventTime\":null,\"value\":null,\"context\":null"));

        assertThat(event.getEventId()).isEqualTo("generated-id");
        assertThat(event.getEventTime()).isEqualTo(RECEIVED_MILLIS);
        assertThat(event.getValue()).isNull();
        assertThat(event.getContext()).isEmpty();
    }

    @Test
    void aWholeNumberValueBecomesADouble() throws Exception {
        assertThat(validate(event("\"value\":3")).getValue()).isEqualTo(3.0);
    }

    @Test
    void eventTimesAtTheLimitsAreAccepted() throws Exception {
        assertThat(validate(event("\"eventTime\":\"2026-11-24T12:00:00.123Z\"")).getEventTime())
                .isEqualTo(Instant.parse("2026-11-24T12:00:00.123Z"));
        assertThat(validate(event("\"eventTime\":\"2025-11-23T12:00:00.124Z\"")).getEventTime())
                .isEqualTo(Instant.parse("2025-11-23T12:00:00.124Z"));
    }

    @Test
    void anIdLimitCountsCharactersNotUtf16Units() throws Exception {
        String eightEmoji = "\uD83D\uDE00".repeat(8);

        assertThat(validate("{\"userId\":\"" + eightEmoji + "\",\"itemId\":\"i\",\"type\":\"view\"}").getUserId())
                .isEqualTo(eightEmoji);
    }

    @Test
    void anEventMustBeAnObject() {
        assertInvalid("[1,2]", "event must be a JSON object, got an array");
        assertInvalid("\"view\"", "event must be a JSON object, got a string");
        assertInvalid("null", "event must be a JSON object, got null");
    }

    @Test
    void userIdAndItemIdAreRequiredNonBlankShortStrings() {
        assertInvalid("{\"itemId\":\"i\",\"type\":\"view\"}", "userId is required");
        assertInvalid("{\"userId\":null,\"itemId\":\"i\",\"type\":\"view\"}", "userId is required");
        assertInvalid("{\"userId\":42,\"itemId\":\"i\",\"type\":\"view\"}", "userId must be a string, got a number");
        assertInvalid("{\"userId\":\" \\t\",\"itemId\":\"i\",\"type\":\"view\"}", "userId must not be blank");
        assertInvalid("{\"userId\":\"123456789\",\"itemId\":\"i\",\"type\":\"view\"}",
                "userId is 9 characters long; the limit is 8");
        assertInvalid("{\"userId\":\"u\",\"type\":\"view\"}", "itemId is required");
        assertInvalid("{\"userId\":\"u\",\"itemId\":{},\"type\":\"view\"}", "itemId must be a string, got an object");
        assertInvalid("{\"userId\":\"u\",\"itemId\":\"\",\"type\":\"view\"}", "itemId must not be blank");
        assertInvalid("{\"userId\":\"u\",\"itemId\":\"abcdefghij\",\"type\":\"view\"}",
                "itemId is 10 characters long; the limit is 8");
    }

    @Test
    void typeMustBeOneOfTheSymbolsExactly() {
        assertInvalid("{\"userId\":\"u\",\"itemId\":\"i\"}", "type is required: one of " + TYPES);
        assertInvalid(event("\"type\":\"like\"").replace("\"type\":\"view\",", ""),
                "type must be one of " + TYPES + "; got \"like\"");
        assertInvalid("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"VIEW\"}", "type must be one of " + TYPES + "; got \"VIEW\"");
        assertInvalid("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":1}", "type must be one of " + TYPES + "; got 1");
    }

    @Test
    void aClientEventIdMustBeANonBlankShortString() {
        assertInvalid(event("\"eventId\":7"), "eventId must be a string, got a number");
        assertInvalid(event("\"eventId\":\"\""), "eventId must not be blank");
        assertInvalid(event("\"eventId\":\"123456789\""), "eventId is 9 characters long; the limit is 8");
    }

    @Test
    void eventTimeMustBeParseable() {
        String expected = "eventTime must be an ISO-8601 timestamp with a zone, such as \"2026-11-23T10:15:30Z\","
                + " or epoch milliseconds as a number; got ";
        assertInvalid(event("\"eventTime\":\"yesterday\""), expected + "\"yesterday\"");
        assertInvalid(event("\"eventTime\":\"2026-11-23T10:15:30\""), expected + "\"2026-11-23T10:15:30\"");
        assertInvalid(event("\"eventTime\":\"1795428930000\""), expected + "\"1795428930000\"");
        assertInvalid(event("\"eventTime\":true"), expected + "true");
        assertInvalid(event("\"eventTime\":1795428930000.5"),
                "eventTime as a number must be whole epoch milliseconds, got 1.7954289300005E12");
    }

    @Test
    void eventTimeMustBeNeitherTooFarAheadNorTooOld() {
        assertInvalid(event("\"eventTime\":\"2026-11-24T12:00:00.124Z\""),
                "eventTime 2026-11-24T12:00:00.124Z is more than 1 day ahead of the gateway's clock (2026-11-23T12:00:00Z)");
        assertInvalid(event("\"eventTime\":0"),
                "eventTime 1970-01-01T00:00:00Z is more than 365 days in the past; events that old are not accepted");
    }

    @Test
    void valueMustBeANumber() {
        assertInvalid(event("\"value\":\"4.5\""), "value must be a number, got a string");
        assertInvalid(event("\"value\":1e400"), "value is too large for a 64-bit floating-point number");
    }

    @Test
    void contextMustBeAnObjectOfStrings() {
        assertInvalid(event("\"context\":[\"home\"]"), "context must be an object of string values, got an array");
        assertInvalid(event("\"context\":{\"page\":\"home\",\"position\":3,\"ab\":null}"),
                "context.position must be a string, got a number; context.ab must be a string, got null");
    }

    @Test
    void unknownFieldsAreNamedWithTheKnownOnes() {
        String known = " (known fields: eventId, userId, itemId, type, eventTime, value, context)";
        assertInvalid(event("\"usrId\":\"u\""), "unknown field \"usrId\"" + known);
        assertInvalid(event("\"a\":1,\"b\":2"), "unknown fields \"a\", \"b\"" + known);
    }

    @Test
    void everyProblemOfAnEventIsListed() {
        assertInvalid("{\"userId\":\"\",\"type\":\"like\",\"value\":\"x\"}", "userId must not be blank; itemId is required;"
                + " type must be one of " + TYPES + "; got \"like\"; value must be a number, got a string");
    }

    @Test
    void aHugeValueIsQuotedOnlyInPart() {
        String huge = "x".repeat(10_000);

        assertThatThrownBy(() -> validate(event("\"eventTime\":\"" + huge + "\"")))
                .hasMessageEndingWith("got \"" + "x".repeat(63) + "...");
    }

    @Test
    void limitsAreDescribedInTheUnitTheyWereSetIn() {
        assertThat(EventValidator.describe(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(EventValidator.describe(Duration.ofDays(365))).isEqualTo("365 days");
        assertThat(EventValidator.describe(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(EventValidator.describe(Duration.ofMinutes(5))).isEqualTo("5 minutes");
        assertThat(EventValidator.describe(Duration.ofSeconds(90))).isEqualTo("90 seconds");
        assertThat(EventValidator.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(EventValidator.describe(Duration.ZERO)).isEqualTo("0 seconds");
    }

    private static String event(String extraFields) {
        return "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\"," + extraFields + "}";
    }

    private Interaction validate(String json) throws Exception {
        return validator.validate(JSON.readTree(json), RECEIVED);
    }

    private void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> validate(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message);
    }
}
