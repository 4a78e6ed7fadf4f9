package io.streamrec.sink;

import io.streamrec.schemas.serde.SchemaRegistryClient;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.avro.Schema;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry in a list, for unit tests that need the wire format without a server: ids are positions. It can be made
 * unreachable to exercise the retriable path; unknown ids answer like Confluent's 40403.
 */
final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private final List<Schema> schemas = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;

    void reachable(boolean isReachable) {
        this.reachable = isReachable;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int existing = schemas.indexOf(schema);
        if (existing >= 0) {
            return existing + 1;
        }
        schemas.add(schema);
        return schemas.size();
    }

    @Override
    public Schema schemaById(int id) {
        if (!reachable) {
            throw new SchemaRegistryException("cannot reach the schema registry", new java.io.IOException("refused"));
        }
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("schema " + id + " not found", 40403);
        }
        return schemas.get(id - 1);
    }
}
