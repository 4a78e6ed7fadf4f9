package io.streamrec.schemas.serde;

/** The registry refused a request or could not be reached; the message says which and why. */
public class SchemaRegistryException extends RuntimeException {
    private final int errorCode;

    public SchemaRegistryException(String message, int errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = 0;
    }

    /** The Confluent error code (40403, 409, 42201...), or 0 when the registry did not answer. */
    public int errorCode() {
        return errorCode;
    }
}
