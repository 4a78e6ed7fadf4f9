package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How both adapters store a vertex's attributes: two maps keyed by attribute name, {@value #VALUES} (the value) and
 * {@value #TIMES} (the event time it was seen at, epoch milliseconds). Flat maps keep each one a plain map of strings
 * or numbers, which every engine and query language handles, and {@code attributes} alone reads as the vertex's
 * description.
 */
final class StoredAttributes {
    static final String VALUES = "attributes";
    static final String TIMES = "attributeTimes";

    private StoredAttributes() {
    }

    /** The attributes of a stored vertex; names without a time (written by another tool) are left out. */
    static Map<String, AttributeValue> read(Object values, Object times) {
        if (!(values instanceof Map<?, ?> valueMap) || !(times instanceof Map<?, ?> timeMap)) {
            return Map.of();
        }
        Map<String, AttributeValue> attributes = new HashMap<>();
        valueMap.forEach((name, value) -> {
            if (value != null && timeMap.get(name) instanceof Number time) {
                attributes.put(name.toString(),
                        new AttributeValue(value.toString(), Instant.ofEpochMilli(time.longValue())));
            }
        });
        return attributes;
    }

    static Map<String, String> values(Map<String, AttributeValue> attributes) {
        Map<String, String> values = new TreeMap<>();
        attributes.forEach((name, attribute) -> values.put(name, attribute.getValue()));
        return values;
    }

    static Map<String, Long> times(Map<String, AttributeValue> attributes) {
        Map<String, Long> times = new TreeMap<>();
        attributes.forEach((name, attribute) -> times.put(name, attribute.getTime().toEpochMilli()));
        return times;
    }

    /** The readers' view of a stored vertex. */
    static VertexView view(String id, Long firstSeen, Long lastSeen, Object values, Object times) {
        Map<String, VertexView.Attribute> attributes = new TreeMap<>();
        read(values, times).forEach((name, attribute) ->
                attributes.put(name, new VertexView.Attribute(attribute.getValue(), attribute.getTime())));
        return new VertexView(id, instant(firstSeen), instant(lastSeen), attributes);
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
