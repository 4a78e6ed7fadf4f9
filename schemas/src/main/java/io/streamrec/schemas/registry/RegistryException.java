package io.streamrec.schemas.registry;

import java.util.List;

/**
 * A request the registry refuses, with the HTTP status and the Confluent error code the client receives. The message
 * is shown to the client as is, so it must say what was wrong without internals.
 */
final class RegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(404, 40402, "Version " + version + " of subject '" + subject + "' not found.");
    }

    static RegistryException schemaNotFound(String what) {
        return new RegistryException(404, 40403, what + " not found.");
    }

    static RegistryException subjectLevelNotConfigured(String subject) {
        return new RegistryException(404, 40408, "Subject '" + subject
                + "' does not have subject-level compatibility configured; add ?defaultToGlobal=true for the global level.");
    }

    static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\".");
    }

    static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are "
                + List.of(CompatibilityLevel.values()) + ".");
    }

    static RegistryException incompatible(String subject, List<String> reasons) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject '"
                + subject + "': " + String.join("; ", reasons));
    }

    static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }

    static RegistryException storeTimeout(String message) {
        return new RegistryException(500, 50002, message);
    }

    static RegistryException storeError(String message) {
        return new RegistryException(500, 50001, message);
    }
}
