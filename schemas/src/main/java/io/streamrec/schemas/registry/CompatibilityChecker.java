package io.streamrec.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a candidate schema may follow a subject's versions. Avro's {@link SchemaValidator} makes the
 * decision; {@link SchemaCompatibility} explains a refusal, field by field, so the client learns what to fix.
 */
final class CompatibilityChecker {

    /** One earlier version of the subject. */
    record Version(int number, Schema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * The reasons the candidate is incompatible with {@code newestFirst} under {@code level}; empty when it is
     * compatible.
     */
    static List<String> incompatibilities(Schema candidate, List<Version> newestFirst, CompatibilityLevel level) {
        Optional<SchemaValidator> validator = level.validator();
        if (validator.isEmpty() || newestFirst.isEmpty()) {
            return List.of();
        }
        try {
            validator.get().validate(candidate, newestFirst.stream().map(Version::schema).toList());
            return List.of();
        } catch (SchemaValidationException e) {
            List<String> reasons = explain(candidate, level.transitive() ? newestFirst : newestFirst.subList(0, 1), level);
            // the validator and the explanation come from the same Avro rules; this only guards an empty answer
            return reasons.isEmpty() ? List.of(e.getMessage()) : reasons;
        }
    }

    private static List<String> explain(Schema candidate, List<Version> checked, CompatibilityLevel level) {
        List<String> reasons = new ArrayList<>();
        for (Version version : checked) {
            if (level.newReadsOld()) {
                describe(reasons, "the new schema cannot read data written with version " + version.number(),
                        candidate, version.schema());
            }
            if (level.oldReadsNew()) {
                describe(reasons, "version " + version.number() + " cannot read data written with the new schema",
                        version.schema(), candidate);
            }
        }
        return reasons;
    }

    private static void describe(List<String> reasons, String what, Schema reader, Schema writer) {
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            reasons.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage());
        }
    }
}
