package io.streamrec.cli.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How one line of an import file becomes an {@link Interaction}. An eventId not given by the file is derived from
 * the event's content, so importing the same file twice produces the same ids and downstream dedup drops the copies.
 */
public enum ImportFormat {
    /** MovieLens {@code u.data}: user, item, rating (1-5) and unix seconds, tab-separated; each a {@code rate} event. */
    MOVIELENS {
        @Override
        Optional<Interaction> parse(String line) {
            String[] fields = line.split("\t");
            if (fields.length != 4) {
                throw new IllegalArgumentException("expected 4 tab-separated fields (user, item, rating, unix time), got " + fields.length);
            }
            return Optional.of(build(null, fields[0], fields[1], "rate",
                    Instant.ofEpochSecond(parseLong(fields[3], "unix time")), parseDouble(fields[2], "rating"), Map.of()));
        }
    },
    /** {@code userId,itemId,type,eventTime[,value[,eventId]]}; eventTime ISO-8601 or epoch millis; a header line is skipped. */
    CSV {
        @Override
        Optional<Interaction> parse(String line) {
            String[] fields = line.split(",", -1);
            if (fields[0].trim().equals("userId")) {
                return Optional.empty();
            }
            if (fields.length < 4 || fields.length > 6) {
                throw new IllegalArgumentException("expected userId,itemId,type,eventTime[,value[,eventId]], got "
                        + fields.length + " fields");
            }
            Double value = fields.length > 4 && !fields[4].isBlank() ? parseDouble(fields[4], "value") : null;
            String eventId = fields.length > 5 && !fields[5].isBlank() ? fields[5].trim() : null;
            return Optional.of(build(eventId, fields[0].trim(), fields[1].trim(), fields[2].trim(),
                    parseTime(fields[3].trim()), value, Map.of()));
        }
    },
    /** One JSON object per line with the gateway's fields: userId, itemId, type, eventTime, and optional value, eventId, context. */
    NDJSON {
        @Override
        Optional<Interaction> parse(String line) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
            }
            if (!event.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            Map<String, String> context = new HashMap<>();
            event.path("context").properties().forEach(field -> context.put(field.getKey(), field.getValue().asText()));
            JsonNode time = event.path("eventTime");
            return Optional.of(build(event.hasNonNull("eventId") ? event.get("eventId").asText() : null,
                    text(event, "userId"), text(event, "itemId"), text(event, "type"),
                    time.isNumber() ? Instant.ofEpochMilli(time.asLong()) : parseTime(text(event, "eventTime")),
                    event.hasNonNull("value") ? event.get("value").asDouble() : null, context));
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The interaction on this line, empty for a line that carries none (a header), or IllegalArgumentException. */
    abstract Optional<Interaction> parse(String line);

    private static Interaction build(String eventId, String userId, String itemId, String type, Instant time,
                                     Double value, Map<String, String> context) {
        require(userId, "userId");
        require(itemId, "itemId");
        InteractionType interactionType = typeOf(type);
        String id = eventId != null ? eventId : UUID.nameUUIDFromBytes(String.join("\u0000", userId, itemId, type,
                Long.toString(time.toEpochMilli()), String.valueOf(value)).getBytes(StandardCharsets.UTF_8)).toString();
        return Interaction.newBuilder().setEventId(id).setUserId(userId).setItemId(itemId).setType(interactionType)
                .setEventTime(time).setValue(value).setContext(context).build();
    }

    private static InteractionType typeOf(String type) {
        try {
            return InteractionType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be one of view, click, add_to_cart, purchase, rate; got \"" + type + "\"");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return node.asText();
    }

    private static Instant parseTime(String time) {
        try {
            return time.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(time)) : Instant.parse(time);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("eventTime must be ISO-8601 or epoch millis, got \"" + time + "\"");
        }
    }

    private static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got \"" + value + "\"");
        }
    }

    private static double parseDouble(String value, String field) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, got \"" + value + "\"");
        }
    }
}
