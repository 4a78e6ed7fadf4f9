package io.streamrec.schemas;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vertex attributes: what interactions say about their user and item. An interaction's context entry
 * {@code user.<name>} describes its user, {@code item.<name>} its item; each becomes an {@link AttributeValue} stamped
 * with the event time. The stream processor folds them into each {@link UserItemEdge}, and the graph sink folds the
 * edges into each vertex, both with {@link #merge}: per name the newest time wins, ties go to the larger value, and a
 * vertex keeps the {@value #MAX_PER_VERTEX} alphabetically first names. That rule is commutative, associative and
 * idempotent, so out-of-order events, replays and duplicates all converge to the same attributes.
 * <p>
 * Limits, so that a chatty client cannot bloat every vertex: a name has 1 to {@value #MAX_NAME_LENGTH} letters,
 * digits, {@code _}, {@code -} or {@code .}; a value has at most {@value #MAX_VALUE_LENGTH} characters. Entries
 * outside them are ignored, never the event.
 */
public final class VertexAttributes {
    public static final String USER_PREFIX = "user.";
    public static final String ITEM_PREFIX = "item.";
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final int MAX_PER_VERTEX = 32;

    /** The valid attributes found under a prefix, and how many entries under it were ignored as out of limits. */
    public record Extracted(Map<String, AttributeValue> attributes, int ignored) {
    }

    private static final Extracted NONE = new Extracted(Map.of(), 0);

    private VertexAttributes() {
    }

    /** The context entries named {@code <prefix><name>}, as attributes seen at {@code time}. */
    public static Extracted fromContext(Map<String, String> context, String prefix, Instant time) {
        // allocates only for events that describe something: most contexts hold page, referrer and the like
        Map<String, AttributeValue> attributes = null;
        int ignored = 0;
        for (Map.Entry<String, String> entry : context.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            String name = entry.getKey().substring(prefix.length());
            if (isValid(name, entry.getValue())) {
                if (attributes == null) {
                    attributes = new HashMap<>();
                }
                attributes.put(name, new AttributeValue(entry.getValue(), time));
            } else {
                ignored++;
            }
        }
        return attributes == null && ignored == 0 ? NONE
                : new Extracted(attributes == null ? Map.of() : attributes, ignored);
    }

    public static boolean isValid(String name, String value) {
        return isValidName(name) && value != null && value.length() <= MAX_VALUE_LENGTH;
    }

    private static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '-' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code candidate} replaces {@code stored}: a newer time, or the same time and a larger value. */
    public static boolean supersedes(AttributeValue candidate, AttributeValue stored) {
        int byTime = candidate.getTime().compareTo(stored.getTime());
        return byTime > 0 || byTime == 0 && candidate.getValue().compareTo(stored.getValue()) > 0;
    }

    /**
     * The winner of each name of {@code a} and {@code b}, in a map not to be modified. Invalid entries are left out,
     * whichever side they come from, so that merging stays symmetric; beyond {@value #MAX_PER_VERTEX} names the alphabetically first
     * are kept, the one choice that does not depend on the order the names arrived in.
     */
    public static Map<String, AttributeValue> merge(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (a.isEmpty() && b.isEmpty()) {
            // most events carry no attributes: no allocation for them on the processor's and the sink's hot paths
            return Map.of();
        }
        Map<String, AttributeValue> merged = new HashMap<>();
        putAll(merged, a);
        putAll(merged, b);
        if (merged.size() <= MAX_PER_VERTEX) {
            return merged;
        }
        Map<String, AttributeValue> capped = new HashMap<>();
        new TreeMap<>(merged).entrySet().stream().limit(MAX_PER_VERTEX)
                .forEach(entry -> capped.put(entry.getKey(), entry.getValue()));
        return capped;
    }

    private static void putAll(Map<String, AttributeValue> merged, Map<String, AttributeValue> attributes) {
        attributes.forEach((name, value) -> {
            if (isValid(name, value.getValue())) {
                merged.merge(name, value, (stored, candidate) -> supersedes(candidate, stored) ? candidate : stored);
            }
        });
    }
}
