package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns one event (a JSON node from {@link EventParser}) into an {@link Interaction}, or says everything wrong with
 * it. Required: {@code userId}, {@code itemId} (non-blank strings) and {@code type}. Optional: {@code eventId} (kept;
 * a UUID otherwise), {@code eventTime} (ISO-8601 with a zone, or epoch milliseconds; the receive time otherwise),
 * {@code value} (a number) and {@code context} (an object of strings). A JSON null counts as absent. Unknown fields
 * are refused, so that a misspelt optional field is not lost without a word.
 */
final class EventValidator {
    static final String ALLOWED_TYPES = Arrays.stream(InteractionType.values())
            .map(InteractionType::name).collect(Collectors.joining(", "));
    private static final List<String> FIELDS =
            List.of("eventId", "userId", "itemId", "type", "eventTime", "value", "context");
    private static final Set<String> KNOWN_FIELDS = Set.copyOf(FIELDS);
    private static final InteractionType[] TYPES = InteractionType.values();

    private final EventLimits limits;
    private final Supplier<String> eventIds;
    private final Supplier<Set<InteractionType>> acceptedTypes;

    /**
     * @param eventIds      supplies the eventId of events that come without one
     * @param acceptedTypes the types taken right now (live setting); others are rejected
     */
    EventValidator(EventLimits limits, Supplier<String> eventIds, Supplier<Set<InteractionType>> acceptedTypes) {
        this.limits = limits;
        this.eventIds = eventIds;
        this.acceptedTypes = acceptedTypes;
    }

    /**
     * @param receivedAt when the gateway received the request: stamped as {@code receivedAt}, the default
     *                   {@code eventTime}, and the reference for the event-time bounds
     */
    Interaction validate(JsonNode event, Instant receivedAt) throws InvalidEventException {
        if (!event.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + JsonKinds.describe(event));
        }
        List<String> errors = new ArrayList<>();
        checkUnknownFields(event, errors);
        String userId = requiredId(event, "userId", errors);
        String itemId = requiredId(event, "itemId", errors);
        InteractionType type = type(event, errors);
        String eventId = optionalId(event, errors);
        Instant eventTime = eventTime(event, receivedAt, errors);
        Double value = value(event, errors);
        Map<String, String> context = context(event, errors);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(String.join("; ", errors));
        }
        return interaction(eventId, userId, itemId, type, eventTime, receivedAt, value, context);
    }

    /**
     * The record of an event whose fields passed every check, also for {@link StreamingEventParser}, so that both
     * paths stamp and truncate alike.
     *
     * @param eventId   the client's, or null for a new one
     * @param eventTime the client's, already truncated to milliseconds
     */
    Interaction interaction(String eventId, String userId, String itemId, InteractionType type, Instant eventTime,
                            Instant receivedAt, Double value, Map<String, String> context) {
        // the constructor, not the builder: every field is checked, and the builder's per-field checks and
        // default lookups are a measurable share of a batch's cost
        return new Interaction(eventId != null ? eventId : eventIds.get(), userId, itemId, type, eventTime,
                // Avro keeps milliseconds; truncating here makes the record we publish the record that is read back
                receivedAt.truncatedTo(ChronoUnit.MILLIS), value, context);
    }

    private static void checkUnknownFields(JsonNode event, List<String> errors) {
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!KNOWN_FIELDS.contains(name)) {
                unknown.add('"' + name + '"');
            }
        });
        if (!unknown.isEmpty()) {
            errors.add((unknown.size() == 1 ? "unknown field " : "unknown fields ") + String.join(", ", unknown)
                    + " (known fields: " + String.join(", ", FIELDS) + ")");
        }
    }

    private String requiredId(JsonNode event, String field, List<String> errors) {
        JsonNode node = event.get(field);
        if (isAbsent(node)) {
            errors.add(field + " is required");
            return null;
        }
        return id(node, field, errors);
    }

    private String optionalId(JsonNode event, List<String> errors) {
        JsonNode node = event.get("eventId");
        return isAbsent(node) ? null : id(node, "eventId", errors);
    }

    private String id(JsonNode node, String field, List<String> errors) {
        if (!node.isTextual()) {
            errors.add(field + " must be a string, got " + JsonKinds.describe(node));
            return null;
        }
        String id = node.textValue();
        String problem = idProblem(field, id);
        if (problem != null) {
            errors.add(problem);
            return null;
        }
        return id;
    }

    /** What is wrong with an id given as a string, or null when it is fine. */
    String idProblem(String field, String id) {
        if (id.isBlank()) {
            return field + " must not be blank";
        }
        int length = id.codePointCount(0, id.length());
        if (length > limits.maxIdLength()) {
            return field + " is " + length + " characters long; the limit is " + limits.maxIdLength();
        }
        return null;
    }

    private InteractionType type(JsonNode event, List<String> errors) {
        JsonNode node = event.get("type");
        if (isAbsent(node)) {
            errors.add("type is required: one of " + ALLOWED_TYPES);
            return null;
        }
        InteractionType type = node.isTextual() ? typeNamed(node.textValue()) : null;
        if (type == null) {
            errors.add("type must be one of " + ALLOWED_TYPES + "; got " + JsonKinds.excerpt(node));
            return null;
        }
        return accepted(type, errors);
    }

    /** The type of that name, or null when there is none. */
    static InteractionType typeNamed(String name) {
        for (InteractionType type : TYPES) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** True when the type is taken right now (live setting). */
    boolean accepts(InteractionType type) {
        return acceptedTypes.get().contains(type);
    }

    private InteractionType accepted(InteractionType type, List<String> errors) {
        if (accepts(type)) {
            return type;
        }
        Set<InteractionType> accepted = acceptedTypes.get();
        errors.add("type " + type + " is not accepted by this gateway at the moment; accepted types: "
                + Arrays.stream(InteractionType.values()).filter(accepted::contains).map(InteractionType::name)
                .collect(Collectors.joining(", ")));
        return null;
    }

    private Instant eventTime(JsonNode event, Instant receivedAt, List<String> errors) {
        JsonNode node = event.get("eventTime");
        if (isAbsent(node)) {
            return receivedAt.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant eventTime = parseTime(node, errors);
        if (eventTime == null) {
            return null;
        }
        String problem = eventTimeProblem(eventTime, receivedAt);
        if (problem != null) {
            errors.add(problem);
            return null;
        }
        return eventTime.truncatedTo(ChronoUnit.MILLIS);
    }

    /** What is wrong with a client's eventTime (too far ahead or behind the receive time), or null when it is fine. */
    String eventTimeProblem(Instant eventTime, Instant receivedAt) {
        if (eventTime.isAfter(receivedAt.plus(limits.maxFutureSkew()))) {
            return "eventTime " + eventTime + " is more than " + describe(limits.maxFutureSkew())
                    + " ahead of the gateway's clock (" + receivedAt.truncatedTo(ChronoUnit.SECONDS) + ")";
        }
        if (eventTime.isBefore(receivedAt.minus(limits.maxPastAge()))) {
            return "eventTime " + eventTime + " is more than " + describe(limits.maxPastAge())
                    + " in the past; events that old are not accepted";
        }
        return null;
    }

    private static Instant parseTime(JsonNode node, List<String> errors) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isNumber()) {
            errors.add("eventTime as a number must be whole epoch milliseconds, got " + JsonKinds.excerpt(node));
            return null;
        }
        if (node.isTextual()) {
            try {
                // ISO_INSTANT parsing accepts "Z" and numeric offsets such as +02:00, but not a zone-less local time
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        errors.add("eventTime must be an ISO-8601 timestamp with a zone, such as \"2026-11-23T10:15:30Z\","
                + " or epoch milliseconds as a number; got " + JsonKinds.excerpt(node));
        return null;
    }

    private static Double value(JsonNode event, List<String> errors) {
        JsonNode node = event.get("value");
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add("value must be a number, got " + JsonKinds.describe(node));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            // JSON has no NaN or Infinity: only a number too large for a double gets here
            errors.add("value is too large for a 64-bit floating-point number");
            return null;
        }
        return value;
    }

    private static Map<String, String> context(JsonNode event, List<String> errors) {
        JsonNode node = event.get("context");
        if (isAbsent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add("context must be an object of string values, got " + JsonKinds.describe(node));
            return Map.of();
        }
        Map<String, String> context = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isTextual()) {
                context.put(field.getKey(), field.getValue().textValue());
            } else {
                errors.add("context." + field.getKey() + " must be a string, got "
                        + JsonKinds.describe(field.getValue()));
            }
        }
        return context;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** "1 day", "12 hours", "90 seconds": the limits as an operator configured them. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % Duration.ofDays(1).toMillis() == 0) {
            return plural(duration.toDays(), "day");
        }
        if (millis != 0 && millis % Duration.ofHours(1).toMillis() == 0) {
            return plural(duration.toHours(), "hour");
        }
        if (millis != 0 && millis % Duration.ofMinutes(1).toMillis() == 0) {
            return plural(duration.toMinutes(), "minute");
        }
        if (millis % 1000 == 0) {
            return plural(duration.toSeconds(), "second");
        }
        return millis + " ms";
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
