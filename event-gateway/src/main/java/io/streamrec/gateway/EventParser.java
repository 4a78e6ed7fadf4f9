package io.streamrec.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a request body into its events, one JSON node each, without judging the events themselves (that is
 * {@link EventValidator}'s job, so one bad event does not sink its batch). A body that is not valid UTF-8 or not
 * valid JSON, is empty, or holds more events than allowed is rejected as a whole.
 */
final class EventParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            // {"userId":"a","userId":"b"} is ambiguous: refuse it rather than silently keep the last one. Checked as
            // the tree is built (the replaced node shows it), which costs nothing; the parser's own
            // STRICT_DUPLICATE_DETECTION keeps a set of names per object, which showed in the profile.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** The syntax both this parser and {@link StreamingEventParser} accept: Jackson's defaults. */
    static final JsonFactory JSON_FACTORY = JSON.getFactory();
    /** Jackson names a hidden source in some messages: "[Source: REDACTED (`...` disabled); line: 1, column: 2]". */
    private static final Pattern REDACTED_SOURCE = Pattern.compile("\\[Source: [^;]*; ");
    /** "Duplicate field 'userId' for `ObjectNode`: not allowed when ..." names Jackson's types: the field is enough. */
    private static final Pattern DUPLICATE_FIELD_DETAIL = Pattern.compile("(Duplicate field '.*') for `ObjectNode`.*",
            Pattern.DOTALL);

    private final int maxBatchEvents;

    EventParser(int maxBatchEvents) {
        this.maxBatchEvents = maxBatchEvents;
    }

    /** The events of the body in request order; elements may be any JSON value, not only objects. */
    List<JsonNode> parse(byte[] body, BodyFormat format) throws RejectedRequestException {
        requireUtf8(body);
        List<JsonNode> events = format.isDocument() ? parseDocument(body) : parseLines(body);
        if (events.isEmpty()) {
            throw badRequest("request body has no events; send one event object, an array of event objects,"
                    + " or (as application/x-ndjson) one event object per line");
        }
        return events;
    }

    private List<JsonNode> parseDocument(byte[] body) throws RejectedRequestException {
        JsonNode root = readOneValue(body, 0, body.length, "request body", true);
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw badRequest("request body must be an event object or an array of event objects, got "
                    + JsonKinds.describe(root));
        }
        requireBatchSize(root.size());
        List<JsonNode> events = new ArrayList<>(root.size());
        root.forEach(events::add);
        return events;
    }

    private List<JsonNode> parseLines(byte[] body) throws RejectedRequestException {
        List<NdjsonLine> lines = NdjsonLine.nonBlank(body);
        requireBatchSize(lines.size());
        List<JsonNode> events = new ArrayList<>(lines.size());
        for (NdjsonLine line : lines) {
            events.add(parseLine(body, line));
        }
        return events;
    }

    private static JsonNode parseLine(byte[] body, NdjsonLine line) throws RejectedRequestException {
        return readOneValue(body, line.start(), line.length(), "line " + line.number(), false);
    }

    /** One JSON value, or null for blank input; a second value after it is refused. */
    private static JsonNode readOneValue(byte[] body, int offset, int length, String what, boolean multiLine)
            throws RejectedRequestException {
        try (JsonParser parser = JSON.createParser(body, offset, length)) {
            JsonNode value = JSON.readTree(parser);
            if (value != null && parser.nextToken() != null) {
                // "{...} {...}" as application/json: most likely NDJSON sent with the wrong type
                throw badRequest(what + " holds more than one JSON value " + where(parser.currentLocation(), multiLine)
                        + "; send several events as an array, or one per line as application/x-ndjson");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw badRequest(what + " is not valid JSON: " + describe(e, multiLine));
        } catch (IOException e) {
            throw badRequest(what + " cannot be read as JSON: " + e.getMessage());
        }
    }

    private void requireBatchSize(int events) throws RejectedRequestException {
        if (events > maxBatchEvents) {
            throw new RejectedRequestException(StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request has " + events
                    + " events; the limit is " + maxBatchEvents + " events per request");
        }
    }

    /** Checked up front so that the client hears "not UTF-8" and where, instead of a confusing JSON error. */
    private static void requireUtf8(byte[] body) throws RejectedRequestException {
        int malformedAt = Utf8.malformedOffset(body);
        if (malformedAt >= 0) {
            throw badRequest("request body is not valid UTF-8: malformed byte sequence at byte offset " + malformedAt);
        }
    }

    /** Jackson's message without its source placeholder, plus where the problem is. */
    private static String describe(JsonProcessingException e, boolean withLine) {
        String message = REDACTED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("[");
        message = DUPLICATE_FIELD_DETAIL.matcher(message).replaceAll("$1");
        return e.getLocation() == null ? message : message + " " + where(e.getLocation(), withLine);
    }

    private static String where(JsonLocation location, boolean withLine) {
        return "(" + (withLine ? "line " + location.getLineNr() + ", " : "") + "column " + location.getColumnNr() + ")";
    }

    private static RejectedRequestException badRequest(String message) {
        return new RejectedRequestException(StatusCodes.BAD_REQUEST, message);
    }
}
