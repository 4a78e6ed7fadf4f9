package io.streamrec.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a request that carries a schema: {@code {"schema": "<Avro JSON as a string>"}}, optionally with
 * {@code "schemaType": "AVRO"}. Other schema types and schema references are refused, as this registry knows only
 * self-contained Avro.
 */
final class SchemaRequest {
    private SchemaRequest() {
    }

    static CanonicalSchema parse(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw RegistryException.invalidSchema("Unsupported schemaType '" + type + "': this registry stores AVRO only.");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("Schema references are not supported: send a self-contained schema.");
        }
        return CanonicalSchema.parse(RegistryExchange.requiredText(body, "schema"));
    }
}
