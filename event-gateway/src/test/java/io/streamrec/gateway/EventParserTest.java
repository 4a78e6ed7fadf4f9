package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventParserTest {
    private final EventParser parser = new EventParser(3);

    @Test
    void aSingleObjectIsOneEvent() throws Exception {
        List<JsonNode> events = parse("{\"userId\":\"u1\"}", BodyFormat.JSON);

        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("userId").textValue()).isEqualTo("u1");
    }

    @Test
    void anArrayKeepsItsOrderAndItsNonObjectElementsForTheValidator() throws Exception {
        List<JsonNode> events = parse("[{\"n\":1}, 42, {\"n\":3}]", BodyFormat.JSON);

        assertThat(events).extracting(JsonNode::toString).containsExactly("{\"n\":1}", "42", "{\"n\":3}");
    }

    @Test
    void ndjsonHasOneEventPerLineAndSkipsBlankLines() throws Exception {
        List<JsonNode> events = parse("{\"n\":1}\r\n\n   \n{\"n\":2}\n", BodyFormat.NDJSON);

        assertThat(events).extracting(JsonNode::toString).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void acceptsExactlyTheBatchLimit() throws Exception {
        assertThat(parse("[{},{},{}]", BodyFormat.JSON)).hasSize(3);
        assertThat(parse("{}\n{}\n{}", BodyFormat.NDJSON)).hasSize(3);
    }

    @Test
    void aBatchOverTheLimitIs413() {
        assertRejected("[{},{},{},{}]", BodyFormat.JSON, 413, "request has 4 events; the limit is 3 events per request");
        assertRejected("{}\n{}\n{}\n{}\n{}", BodyFormat.NDJSON, 413,
                "request has 5 events; the limit is 3 events per request");
    }

    @Test
    void anEmptyBodyOrBatchIs400() {
        String noEvents = "request body has no events; send one event object, an array of event objects,"
                + " or (as application/x-ndjson) one event object per line";
        assertRejected("", BodyFormat.JSON, 400, noEvents);
        assertRejected("  \n ", BodyFormat.JSON, 400, noEvents);
        assertRejected("[]", BodyFormat.JSON, 400, noEvents);
        assertRejected("\n\n", BodyFormat.NDJSON, 400, noEvents);
    }

    @Test
    void aScalarBodyIs400() {
        assertRejected("\"view\"", BodyFormat.JSON, 400,
                "request body must be an event object or an array of event objects, got a string");
        assertRejected("null", BodyFormat.JSON, 400,
                "request body must be an event object or an array of event objects, got null");
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        assertThatThrownBy(() -> parse("{\"userId\": \"u1\",\n \"itemId\" \"i1\"}", BodyFormat.JSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: Unexpected character")
                .hasMessageEndingWith("(line 2, column 11)")
                .satisfies(e -> assertThat(((RejectedRequestException) e).status()).isEqualTo(400));
    }

    @Test
    void truncatedJsonIs400() {
        assertThatThrownBy(() -> parse("[{\"userId\":\"u1\"", BodyFormat.JSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void twoValuesInOneJsonBodyPointToArraysAndNdjson() {
        assertRejected("{\"n\":1}\n{\"n\":2}", BodyFormat.JSON, 400, "request body holds more than one JSON value"
                + " (line 2, column 2); send several events as an array, or one per line as application/x-ndjson");
    }

    @Test
    void twoValuesOnOneNdjsonLineAre400() {
        assertRejected("{}\n{\"n\":1} {\"n\":2}", BodyFormat.NDJSON, 400, "line 2 holds more than one JSON value"
                + " (column 10); send several events as an array, or one per line as application/x-ndjson");
    }

    @Test
    void jacksonsSourcePlaceholderIsLeftOut() {
        assertThatThrownBy(() -> parse("[{\"userId\":\"u1\"", BodyFormat.JSON))
                .hasMessage("request body is not valid JSON: Unexpected end-of-input: expected close marker for"
                        + " Object (start marker at [line: 1, column: 2]) (line 1, column 16)");
    }

    @Test
    void aDuplicateFieldIs400() {
        assertThatThrownBy(() -> parse("{\"userId\":\"a\",\"userId\":\"b\"}", BodyFormat.JSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("request body is not valid JSON: Duplicate field 'userId' (line 1, column 24)");
    }

    @Test
    void aDuplicateFieldInsideContextIs400Too() {
        assertThatThrownBy(() -> parse("{\"context\":{\"page\":\"a\",\"page\":\"b\"}}", BodyFormat.JSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: Duplicate field 'page' (");
    }

    @Test
    void aMalformedNdjsonLineNamesItsLineNumber() {
        assertThatThrownBy(() -> parse("{\"n\":1}\n\n{\"n\":\n{\"n\":3}", BodyFormat.NDJSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("line 3 is not valid JSON: Unexpected end-of-input")
                .hasMessageEndingWith(")");
    }

    @Test
    void invalidUtf8IsNamedAsSuchWithItsOffset() {
        byte[] body = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> parser.parse(body, BodyFormat.JSON))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("request body is not valid UTF-8: malformed byte sequence at byte offset 6");
    }

    @Test
    void multiByteUtf8IsKept() throws Exception {
        List<JsonNode> events = parse("{\"itemId\":\"caf\u00e9 \uD83D\uDE00\"}", BodyFormat.JSON);

        assertThat(events.get(0).get("itemId").textValue()).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    private List<JsonNode> parse(String body, BodyFormat format) throws RejectedRequestException {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), format);
    }

    private void assertRejected(String body, BodyFormat format, int status, String message) {
        assertThatThrownBy(() -> parse(body, format))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((RejectedRequestException) e).status()).isEqualTo(status));
    }
}
