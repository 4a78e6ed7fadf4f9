package io.streamrec.sink.store;

/**
 * A store operation failed. {@link #retriable()} is the adapter's verdict: true when the same call may succeed later
 * (a conflict, a timeout, an I/O hiccup), false when retrying cannot help (closed store, schema or data rejected).
 */
public class GraphStoreException extends RuntimeException {
    private final boolean retriable;

    public GraphStoreException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
