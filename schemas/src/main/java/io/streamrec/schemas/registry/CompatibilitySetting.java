package io.streamrec.schemas.registry;

/** The compatibility level of one subject, or the global one when {@code subject} is null. */
record CompatibilitySetting(String subject, CompatibilityLevel level) implements SchemaLogEntry {

    static CompatibilitySetting global(CompatibilityLevel level) {
        return new CompatibilitySetting(null, level);
    }

    boolean isGlobal() {
        return subject == null;
    }
}
