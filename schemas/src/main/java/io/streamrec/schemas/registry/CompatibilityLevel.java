package io.streamrec.schemas.registry;

import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

import java.util.Optional;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema reads data written with the previous one (consumers
 * upgrade first). FORWARD: the previous schema reads data written with the new one (producers upgrade first). FULL:
 * both. The TRANSITIVE variants check every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether the new schema must read data written with earlier schemas. */
    boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether earlier schemas must read data written with the new schema. */
    boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether every earlier version is checked, not only the latest. */
    boolean transitive() {
        return transitive;
    }

    /**
     * Avro's validator for this level; it checks the schemas it is given newest first, and only the first one unless
     * the level is transitive. Empty for NONE.
     */
    Optional<SchemaValidator> validator() {
        if (!newReadsOld && !oldReadsNew) {
            return Optional.empty();
        }
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        if (newReadsOld && oldReadsNew) {
            builder.mutualReadStrategy();
        } else if (newReadsOld) {
            builder.canReadStrategy();
        } else {
            builder.canBeReadStrategy();
        }
        return Optional.of(transitive ? builder.validateAll() : builder.validateLatest());
    }

    /** Parses a level as written in a request, case-insensitively. */
    static Optional<CompatibilityLevel> parse(String text) {
        for (CompatibilityLevel level : values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
