package io.streamrec.schemas.registry;

/**
 * Version {@code version} of {@code subject}: the schema with global id {@code id}, in its canonical form. It is both
 * a record of the {@code _schemas} topic and the REST API's answer for a subject version.
 */
record RegisteredSchema(String subject, int version, int id, String schema) implements SchemaLogEntry {
}
