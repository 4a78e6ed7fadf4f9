package io.streamrec.schemas.registry;

/** One record of the {@code _schemas} topic: the registry's state is the result of applying them in order. */
sealed interface SchemaLogEntry permits RegisteredSchema, CompatibilitySetting {
}
