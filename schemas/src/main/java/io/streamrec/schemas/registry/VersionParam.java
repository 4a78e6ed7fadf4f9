package io.streamrec.schemas.registry;

import java.util.Optional;

/** A version in a path: a number from 1, or {@code latest} (also {@code -1}, as Confluent accepts). */
final class VersionParam {
    private VersionParam() {
    }

    /** The version number, or empty for the latest one. */
    static Optional<Integer> parse(String text) {
        if ("latest".equals(text) || "-1".equals(text)) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return Optional.of(version);
            }
        } catch (NumberFormatException e) {
            // reported below like any other invalid version
        }
        throw RegistryException.invalidVersion(text);
    }

    static RegisteredSchema resolve(SchemaStore store, String subject, String text) {
        return parse(text).map(version -> store.version(subject, version)).orElseGet(() -> store.latest(subject));
    }
}
