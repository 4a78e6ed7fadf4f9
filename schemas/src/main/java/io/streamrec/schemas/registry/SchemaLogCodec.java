package io.streamrec.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON records of the {@code _schemas} topic, after Confluent's own layout. The key names what the record is
 * about, so compaction keeps the latest record for it:
 * <ul>
 *   <li>a registration: key {@code {"keytype":"SCHEMA","subject":"s","version":1}}, value
 *       {@code {"subject":"s","version":1,"id":7,"schema":"<canonical Avro JSON>"}};</li>
 *   <li>a compatibility level: key {@code {"keytype":"CONFIG","subject":"s"}} ({@code "subject":null} for the global
 *       level), value {@code {"compatibilityLevel":"FULL"}}.</li>
 * </ul>
 * A key without {@code keytype} is read as a registration. Tombstones and unknown key types are skipped: this registry
 * never deletes.
 */
final class SchemaLogCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";

    private SchemaLogCodec() {
    }

    static byte[] key(SchemaLogEntry entry) {
        ObjectNode key = JSON.createObjectNode();
        if (entry instanceof RegisteredSchema registered) {
            key.put("keytype", SCHEMA).put("subject", registered.subject()).put("version", registered.version());
        } else if (entry instanceof CompatibilitySetting setting) {
            key.put("keytype", CONFIG).put("subject", setting.subject());
        }
        return bytes(key);
    }

    static byte[] value(SchemaLogEntry entry) {
        if (entry instanceof CompatibilitySetting setting) {
            return bytes(JSON.createObjectNode().put("compatibilityLevel", setting.level().name()));
        }
        return bytes(JSON.valueToTree(entry));
    }

    /**
     * The entry a record holds; empty for records this registry does not write.
     *
     * @throws IllegalArgumentException when the record is not valid JSON of the expected shape
     */
    static Optional<SchemaLogEntry> decode(byte[] key, byte[] value) {
        if (key == null || value == null) {
            return Optional.empty();
        }
        JsonNode keyJson = tree(key);
        String keyType = keyJson.path("keytype").asText(SCHEMA);
        if (SCHEMA.equals(keyType)) {
            RegisteredSchema registered = read(value, RegisteredSchema.class);
            if (registered.subject() == null || registered.schema() == null || registered.version() < 1
                    || registered.id() < 1) {
                throw new IllegalArgumentException("incomplete SCHEMA record: " + new String(value));
            }
            return Optional.of(registered);
        }
        if (CONFIG.equals(keyType)) {
            String subject = keyJson.path("subject").isTextual() ? keyJson.path("subject").asText() : null;
            String level = tree(value).path("compatibilityLevel").asText();
            return Optional.of(new CompatibilitySetting(subject, CompatibilityLevel.parse(level)
                    .orElseThrow(() -> new IllegalArgumentException("unknown compatibility level '" + level + "'"))));
        }
        return Optional.empty();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
