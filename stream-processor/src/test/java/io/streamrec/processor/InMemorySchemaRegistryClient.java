package io.streamrec.processor;

import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.avro.Schema;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry held in memory, for topology tests that run without a broker (the real registry stores its schemas in
 * Kafka; the ITs use it). Ids are global and stable per schema, as in the Confluent API; unknown ids fail with
 * 40403, as a real registry answers.
 */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final List<Schema> schemas = new CopyOnWriteArrayList<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int index = schemas.indexOf(schema);
        if (index < 0) {
            schemas.add(schema);
            index = schemas.size() - 1;
        }
        return index + 1;
    }

    @Override
    public Schema schemaById(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("Schema " + id + " not found.", 40403);
        }
        return schemas.get(id - 1);
    }
}
