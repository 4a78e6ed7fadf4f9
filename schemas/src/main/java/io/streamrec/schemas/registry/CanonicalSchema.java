package io.streamrec.schemas.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.avro.Schema;

/**
 * A parsed Avro schema and its canonical text: Avro's own normalized JSON, which keeps docs, defaults and logical
 * types but not whitespace or attribute order. Two texts with the same canonical form are the same schema, so they
 * get the same id and, within a subject, the same version.
 */
record CanonicalSchema(Schema schema, String canonical) {

    /** Parses schema text, or fails with 42201 and the parser's message. */
    static CanonicalSchema parse(String text) {
        try {
            // a fresh parser each time: a parser remembers the names it has seen and would refuse to redefine them
            Schema schema = new Schema.Parser().parse(text);
            return new CanonicalSchema(schema, schema.toString());
        } catch (RuntimeException e) {
            // Avro signals bad input with several unchecked types, even NullPointerException for an unknown type name
            throw RegistryException.invalidSchema("Invalid schema: " + reason(e));
        }
    }

    /** The parser's reason; for malformed JSON, Jackson's own words and position without its wrapper's noise. */
    private static String reason(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                JsonLocation at = json.getLocation();
                return "not valid JSON: " + json.getOriginalMessage()
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            }
        }
        return e.getMessage();
    }
}
