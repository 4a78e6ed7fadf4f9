package io.streamrec.schemas.serde;

import io.streamrec.common.config.RegistrySettings;
import io.streamrec.common.lifecycle.StartupException;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that serializers need. Implementations cache: a schema id
 * never changes its schema, so each is fetched once.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent for the same schema) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with that global id. */
    Schema schemaById(int id);

    static SchemaRegistryClient http(String baseUrl) {
        return new HttpSchemaRegistryClient(baseUrl);
    }

    /** The client a service uses, from its settings; a malformed URL stops the start with a message naming the key. */
    static SchemaRegistryClient connect(RegistrySettings settings) {
        try {
            return http(settings.url());
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid streamrec.registry.url: " + e.getMessage(), e);
        }
    }
}
