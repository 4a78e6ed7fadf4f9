package io.streamrec.cli.documents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-level differences between two JSON documents, as {@code - path: old} and {@code + path: new} lines. */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<String> between(JsonNode before, JsonNode after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<String> lines = new ArrayList<>();
        for (String path : paths) {
            String a = old.get(path);
            String b = now.get(path);
            if (a != null && !a.equals(b)) {
                lines.add("- " + path + ": " + a);
            }
            if (b != null && !b.equals(a)) {
                lines.add("+ " + path + ": " + b);
            }
        }
        return lines;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new TreeMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(field -> flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                    field.getValue(), leaves));
        } else {
            leaves.put(path.isEmpty() ? "(document)" : path, node.toString());
        }
    }
}
