package io.streamrec.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fast path for request bodies whose every event is valid, which is nearly every body: reads the events with
 * Jackson's streaming parser straight into {@link Interaction}s, without a JSON tree per event and the validator's
 * lookups in it (together a quarter of a batched request's CPU samples). It applies the rules of
 * {@link EventValidator}, through the validator's own checks where they are more than a type test.
 *
 * <p>It only says yes: at the first thing that is not plainly valid (a bad event, malformed JSON or UTF-8, a
 * duplicate key, too many events, an empty body) it gives up on the whole body and returns empty, and the caller
 * takes the body through {@link EventParser} and {@link EventValidator}, which say what is wrong with each event in
 * the exact words the API promises. A body with a bad event is read twice; a good one once, and faster.
 */
final class StreamingEventParser {
    private static final Set<String> OPTIONAL_FIELDS = Set.of("eventId", "eventTime", "value", "context");

    private final EventValidator validator;
    private final int maxBatchEvents;

    StreamingEventParser(EventValidator validator, int maxBatchEvents) {
        this.validator = validator;
        this.maxBatchEvents = maxBatchEvents;
    }

    /** The body's events, all valid, in order; empty when the body needs the validator's judgement. */
    Optional<List<Interaction>> parse(byte[] body, BodyFormat format, Instant receivedAt) {
        if (Utf8.malformedOffset(body) >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(format.isDocument() ? document(body, receivedAt) : lines(body, receivedAt));
        } catch (IOException | RuntimeException e) {
            // malformed JSON, or a number or time Jackson or java.time refuse: the reference path explains it
            return Optional.empty();
        }
    }

    private List<Interaction> document(byte[] body, Instant receivedAt) throws IOException {
        try (JsonParser parser = EventParser.JSON_FACTORY.createParser(body)) {
            JsonToken root = parser.nextToken();
            List<Interaction> events;
            if (root == JsonToken.START_OBJECT) {
                Interaction event = event(parser, receivedAt);
                events = event == null ? null : List.of(event);
            } else if (root == JsonToken.START_ARRAY) {
                events = array(parser, receivedAt);
            } else {
                return null;
            }
            return events != null && parser.nextToken() == null ? events : null;
        }
    }

    private List<Interaction> array(JsonParser parser, Instant receivedAt) throws IOException {
        List<Interaction> events = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT && events.size() < maxBatchEvents) {
            Interaction event = event(parser, receivedAt);
            if (event == null) {
                return null;
            }
            events.add(event);
        }
        return parser.currentToken() == JsonToken.END_ARRAY && !events.isEmpty() ? events : null;
    }

    private List<Interaction> lines(byte[] body, Instant receivedAt) throws IOException {
        List<NdjsonLine> lines = NdjsonLine.nonBlank(body);
        if (lines.isEmpty() || lines.size() > maxBatchEvents) {
            return null;
        }
        List<Interaction> events = new ArrayList<>(lines.size());
        for (NdjsonLine line : lines) {
            try (JsonParser parser = EventParser.JSON_FACTORY.createParser(body, line.start(), line.length())) {
                Interaction event = parser.nextToken() == JsonToken.START_OBJECT ? event(parser, receivedAt) : null;
                if (event == null || parser.nextToken() != null) {
                    return null;
                }
                events.add(event);
            }
        }
        return events;
    }

    /** The event object the parser is at the start of, or null when it is not plainly valid. */
    private Interaction event(JsonParser parser, Instant receivedAt) throws IOException {
        EventFields fields = new EventFields();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            if (!fields.read(name, parser, receivedAt)) {
                return null;
            }
        }
        return fields.complete() ? fields.toInteraction(receivedAt) : null;
    }

    /** One event's fields as they are read; {@code read} says false at anything the validator would refuse. */
    private final class EventFields {
        private int seen;
        private String eventId;
        private String userId;
        private String itemId;
        private InteractionType type;
        private Instant eventTime;
        private Double value;
        private Map<String, String> context = Map.of();

        /** @param parser at the field's value */
        boolean read(String name, JsonParser parser, Instant receivedAt) throws IOException {
            if (!firstTime(name)) {
                return false;
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                // null counts as absent: fine for an optional field, a required one is missing
                return OPTIONAL_FIELDS.contains(name);
            }
            Object read = switch (name) {
                case "eventId" -> eventId = id(parser, name);
                case "userId" -> userId = id(parser, name);
                case "itemId" -> itemId = id(parser, name);
                case "type" -> type = type(parser);
                case "eventTime" -> eventTime = eventTime(parser, receivedAt);
                case "value" -> value = value(parser);
                case "context" -> context = context(parser);
                default -> null;
            };
            return read != null;
        }

        /** A repeated field makes the whole body a 400 on the reference path. */
        private boolean firstTime(String name) {
            int bit = switch (name) {
                case "eventId" -> 1;
                case "userId" -> 2;
                case "itemId" -> 4;
                case "type" -> 8;
                case "eventTime" -> 16;
                case "value" -> 32;
                case "context" -> 64;
                default -> 0;
            };
            boolean first = (seen & bit) == 0;
            seen |= bit;
            return first;
        }

        boolean complete() {
            return userId != null && itemId != null && type != null;
        }

        Interaction toInteraction(Instant receivedAt) {
            return validator.interaction(eventId, userId, itemId, type,
                    eventTime != null ? eventTime : receivedAt.truncatedTo(ChronoUnit.MILLIS), receivedAt, value, context);
        }

        private String id(JsonParser parser, String field) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String id = parser.getText();
            return validator.idProblem(field, id) == null ? id : null;
        }

        private InteractionType type(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            InteractionType named = EventValidator.typeNamed(parser.getText());
            return named != null && validator.accepts(named) ? named : null;
        }

        /** Epoch milliseconds (a whole number that fits a long) or ISO-8601 text, within the allowed skew. */
        private Instant eventTime(JsonParser parser, Instant receivedAt) throws IOException {
            Instant time;
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                time = Instant.ofEpochMilli(parser.getLongValue());
            } else if (parser.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    time = Instant.parse(parser.getText());
                } catch (DateTimeException e) {
                    return null;
                }
            } else {
                return null;
            }
            return validator.eventTimeProblem(time, receivedAt) == null ? time.truncatedTo(ChronoUnit.MILLIS) : null;
        }

        private Double value(JsonParser parser) throws IOException {
            if (!parser.currentToken().isNumeric()) {
                return null;
            }
            double number = parser.getDoubleValue();
            return Double.isFinite(number) ? number : null;
        }

        /** An object of strings; a repeated key would make the reference path refuse the body. */
        private Map<String, String> context(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> entries = new LinkedHashMap<>();
            String key;
            while ((key = parser.nextFieldName()) != null) {
                if (parser.nextToken() != JsonToken.VALUE_STRING || entries.put(key, parser.getText()) != null) {
                    return null;
                }
            }
            return entries;
        }
    }
}
