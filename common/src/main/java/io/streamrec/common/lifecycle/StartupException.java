package io.streamrec.common.lifecycle;

/**
 * A failure a user can fix (a port in use, an unreachable broker, a missing binary). Mains print its message as
 * one line and exit non-zero instead of dumping a stack trace.
 */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
