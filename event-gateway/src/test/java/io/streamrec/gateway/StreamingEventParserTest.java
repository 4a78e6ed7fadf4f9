package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path must take exactly what the reference path (EventParser + EventValidator) takes, as the same records,
 * and leave everything else to it: each body is read by both, with validators whose generated ids count alike.
 */
class StreamingEventParserTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-23T12:00:00.123456Z");
    private static final String VALID = "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}";
    private static final int MAX_BATCH = 3;

    private Set<InteractionType> acceptedTypes = EnumSet.allOf(InteractionType.class);

    @ParameterizedTest
    @ValueSource(strings = {
            VALID,
            "  " + VALID + "\n",
            "[" + VALID + "]",
            "[" + VALID + "," + VALID + "," + VALID + "]",
            "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"rate\",\"eventTime\":\"2026-11-23T10:15:30.5Z\","
                    + "\"value\":4.5,\"context\":{\"page\":\"home\",\"device\":\"ios\"}}",
            "{\"type\":\"purchase\",\"itemId\":\"i1\",\"value\":19,\"userId\":\"u1\",\"eventTime\":1795428930123}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"click\",\"eventTime\":\"2026-11-23T12:15:30+02:00\"}",
            "{\"userId\":\"😀😀😀😀😀😀😀😀\",\"itemId\":\"é\",\"type\":\"view\",\"context\":{\"q\":\"crème brûlée\"}}",
            "{\"eventId\":null,\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":null,\"value\":null,"
                    + "\"context\":null}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"context\":{},\"value\":-1.5e3}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"value\":123456789012345678901234567890}"})
    void aValidDocumentTakesTheFastPathAsTheSameRecords(String body) {
        assertSameAsReference(body, BodyFormat.JSON, true);
    }

    @Test
    void validNdjsonLinesTakeTheFastPath() {
        assertSameAsReference(VALID + "\r\n\n  \n" + VALID + "\n", BodyFormat.NDJSON, true);
        assertSameAsReference(VALID, BodyFormat.BEACON_TEXT, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "null", "42", "\"text\"", "[]", "[42]", "[" + VALID + ",42]", "[" + VALID + ",[]]",
            "[" + VALID + "," + VALID + "," + VALID + "," + VALID + "]",
            VALID + " " + VALID, VALID + " x", "{\"userId\":\"u1\"", "[" + VALID,
            "{\"itemId\":\"i1\",\"type\":\"view\"}",
            "{\"userId\":null,\"itemId\":\"i1\",\"type\":\"view\"}",
            "{\"userId\":42,\"itemId\":\"i1\",\"type\":\"view\"}",
            "{\"userId\":\" \",\"itemId\":\"i1\",\"type\":\"view\"}",
            "{\"userId\":\"123456789\",\"itemId\":\"i1\",\"type\":\"view\"}",
            "{\"userId\":\"u1\",\"itemId\":[],\"type\":\"view\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":null}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"VIEW\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventId\":\"\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventId\":7}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":\"2026-11-23T10:15:30\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":\"2030-01-01T00:00:00Z\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":0}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":99999999999999999999}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":true}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventTime\":1795428930123.0}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"value\":\"5\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"value\":1e400}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"context\":[]}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"context\":{\"a\":1}}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"context\":{\"a\":null}}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"context\":{\"a\":\"x\",\"a\":\"y\"}}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"userId\":\"u2\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"eventId\":null,\"eventId\":\"e\"}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"extra\":1}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"extra\":{\"a\":1,\"a\":2}}",
            "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",}",
            "{'userId':'u1'}"})
    void anythingElseIsLeftToTheReferencePath(String body) {
        assertSameAsReference(body, BodyFormat.JSON, false);
    }

    @Test
    void ndjsonThatIsNotOneValidObjectPerLineIsLeftToTheReferencePath() {
        assertSameAsReference(VALID + " " + VALID, BodyFormat.NDJSON, false);
        assertSameAsReference("[" + VALID + "]", BodyFormat.NDJSON, false);
        assertSameAsReference("\n \n", BodyFormat.NDJSON, false);
        assertSameAsReference(VALID + "\n" + VALID + "\n" + VALID + "\n" + VALID, BodyFormat.NDJSON, false);
        assertSameAsReference(VALID + "\n{\"userId\":\"u1\"}", BodyFormat.NDJSON, false);
    }

    @Test
    void aTypeNotAcceptedRightNowIsLeftToTheReferencePath() {
        acceptedTypes = EnumSet.of(InteractionType.click);

        assertSameAsReference(VALID, BodyFormat.JSON, false);
    }

    @Test
    void malformedUtf8IsLeftToTheReferencePath() {
        byte[] body = VALID.replace("u1", "u\u00e9").getBytes(StandardCharsets.UTF_8);
        body[body.length - 30] = (byte) 0xC3;
        body[body.length - 29] = (byte) 0x28;

        assertThat(fastPath(body, BodyFormat.JSON)).isEmpty();
    }

    private void assertSameAsReference(String body, BodyFormat format, boolean fast) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Optional<List<Interaction>> fastEvents = fastPath(bytes, format);
        assertThat(fastEvents.isPresent()).as("fast path taken for %s", body).isEqualTo(fast);
        if (fast) {
            assertThat(fastEvents.get()).as("records of %s", body).isEqualTo(referenceValidEvents(bytes, format));
        }
    }

    private Optional<List<Interaction>> fastPath(byte[] body, BodyFormat format) {
        return new StreamingEventParser(validator(), MAX_BATCH).parse(body, format, RECEIVED);
    }

    /** The events the reference path accepts; every one of them, since the fast path only takes all-valid bodies. */
    private List<Interaction> referenceValidEvents(byte[] body, BodyFormat format) {
        EventValidator validator = validator();
        List<Interaction> valid = new ArrayList<>();
        try {
            for (JsonNode event : new EventParser(MAX_BATCH).parse(body, format)) {
                valid.add(validator.validate(event, RECEIVED));
            }
        } catch (RejectedRequestException | InvalidEventException e) {
            throw new AssertionError("the reference path refuses what the fast path took: " + e.getMessage(), e);
        }
        return valid;
    }

    private EventValidator validator() {
        AtomicInteger ids = new AtomicInteger();
        Supplier<String> eventIds = () -> "generated-" + ids.incrementAndGet();
        return new EventValidator(new EventLimits(8, Duration.ofDays(1), Duration.ofDays(365)), eventIds,
                () -> acceptedTypes);
    }
}
