package io.streamrec.sink.store;

import com.arcadedb.exception.DatabaseIsClosedException;
import com.arcadedb.exception.DatabaseIsReadOnlyException;
import com.arcadedb.exception.DuplicatedKeyException;
import com.arcadedb.exception.NeedRetryException;
import com.arcadedb.exception.TimeoutException;

import java.io.IOException;

/** Decides, in one place, which ArcadeDB failures are worth retrying. */
final class ArcadeDbErrors {
    private ArcadeDbErrors() {
    }

    static GraphStoreException translate(String operation, RuntimeException e) {
        return translate(operation, e, false);
    }

    /** {@code closedUnderUs}: the database was closed meanwhile and the store reopens it on the next attempt. */
    static GraphStoreException translate(String operation, RuntimeException e, boolean closedUnderUs) {
        boolean retriable = closedUnderUs || isRetriable(e);
        return new GraphStoreException("ArcadeDB " + operation + " failed: " + e.getMessage(), e, retriable);
    }

    /** Whether an I/O error (a full disk, a failing device) is among the causes. */
    static boolean isIoFailure(Throwable e) {
        return hasCause(e, IOException.class);
    }

    /**
     * Conflicts and lock timeouts clear by themselves; a duplicate key means another writer created the record first,
     * which the next attempt's lookup finds; I/O errors (a full disk) may clear once an operator acts. A closed or
     * read-only database, schema or validation errors, and bugs do not.
     */
    static boolean isRetriable(Throwable e) {
        return !hasCause(e, DatabaseIsClosedException.class, DatabaseIsReadOnlyException.class)
                && hasCause(e, NeedRetryException.class, TimeoutException.class, DuplicatedKeyException.class,
                IOException.class);
    }

    @SafeVarargs
    private static boolean hasCause(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
