package io.streamrec.sink.store;

import java.time.Instant;
import java.util.Map;

/**
 * One stored user or item as readers see it: its id, the span of its activity (null bounds for a vertex written by
 * another tool) and its attributes by name.
 */
public record VertexView(String id, Instant firstSeen, Instant lastSeen, Map<String, Attribute> attributes) {

    public VertexView {
        attributes = Map.copyOf(attributes);
    }

    /** An attribute's current value and the event time it was seen at. */
    public record Attribute(String value, Instant time) {
    }
}
