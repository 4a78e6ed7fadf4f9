package io.streamrec.sink.store;

import com.arangodb.ArangoDBException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Decides, in one place, which ArangoDB failures are worth retrying. */
final class ArangoDbErrors {
    /** ArangoDB error numbers that clear by themselves. */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(
            21,    // shutting down: another coordinator or the restarted server takes over
            1004,  // read-only: a failover in progress
            1200,  // write-write conflict
            1210,  // unique constraint violated: another writer created the document first; the retry updates it
            1457,  // cluster timeout
            1458,  // cluster connection lost
            1495); // leader not yet known during a failover
    private static final Set<Integer> TRANSIENT_STATUS = Set.of(408, 429, 500, 502, 503, 504);

    private ArangoDbErrors() {
    }

    static GraphStoreException translate(String operation, RuntimeException e) {
        return new GraphStoreException("ArangoDB " + operation + " failed: " + e.getMessage(), e, isRetriable(e));
    }

    /**
     * No answer at all (no host reachable, a timeout, a dropped connection) or a transient server condition is
     * retried; a refused request (bad credentials, missing rights, an invalid document, a missing collection) is not.
     */
    static boolean isRetriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArangoDBException arango && (arango.getResponseCode() != null || arango.getErrorNum() != null)) {
                return isRetriable(arango.getResponseCode(), arango.getErrorNum());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().contains("Cannot contact any host"))) {
                return true;
            }
        }
        return false;
    }

    /** The verdict on an answered request, by HTTP status and ArangoDB error number (either may be null). */
    static boolean isRetriable(Integer status, Integer errorNum) {
        if (errorNum != null && TRANSIENT_ERRORS.contains(errorNum)) {
            return true;
        }
        return status != null && TRANSIENT_STATUS.contains(status);
    }
}
