package io.streamrec.common.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Named checks behind {@code /health/ready}. A service is ready when every check passes; a check that throws
 * counts as failed. Checks run on a worker thread but should still be cheap: they are polled by load balancers.
 */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public synchronized Readiness add(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** Each check's result, in registration order. */
    public synchronized Map<String, Boolean> evaluate() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> results.put(name, passes(check)));
        return results;
    }

    private static boolean passes(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
