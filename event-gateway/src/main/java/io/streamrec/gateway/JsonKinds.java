package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON values in error messages: "got a number", "got \"like\"". */
final class JsonKinds {
    private static final int MAX_EXCERPT_CHARS = 64;

    private JsonKinds() {
    }

    /** The value as JSON, cut short so that a huge value does not bloat the error message that quotes it. */
    static String excerpt(JsonNode node) {
        String json = node.toString();
        return json.length() <= MAX_EXCERPT_CHARS ? json : json.substring(0, MAX_EXCERPT_CHARS) + "...";
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
