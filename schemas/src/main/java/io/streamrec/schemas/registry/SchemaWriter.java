package io.streamrec.schemas.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;

/**
 * Every change to the registry: it writes the entry to the {@code _schemas} topic, waits for Kafka's
 * acknowledgement, then waits until the tail has applied it to the store, so a client that got an id can use it at
 * once on this instance. Writes are serialized within the instance so that two registrations cannot plan the same
 * version; see {@link SchemaRegistryServer} for the single-writer assumption across instances.
 */
final class SchemaWriter {
    /** A registration that lost its version to another instance's concurrent write is planned again this often. */
    private static final int MAX_ATTEMPTS = 3;

    private final SchemaStore store;
    private final KafkaSchemaLog schemaLog;
    private final Duration timeout;
    private final Counter newSchemas;

    SchemaWriter(SchemaStore store, KafkaSchemaLog schemaLog, Duration timeout, MeterRegistry metrics) {
        this.store = store;
        this.schemaLog = schemaLog;
        this.timeout = timeout;
        this.newSchemas = Counter.builder("registry.registrations")
                .description("New subject versions written to the schemas topic").register(metrics);
    }

    /** Registers the schema under the subject, or finds it there, and returns its global id. */
    synchronized int register(String subject, CanonicalSchema schema) throws InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            SchemaStore.Registration registration = store.plan(subject, schema);
            if (!registration.isNew()) {
                return registration.schema().id();
            }
            write(registration.schema());
            Optional<RegisteredSchema> applied = store.find(subject, schema);
            if (applied.isPresent()) {
                newSchemas.increment();
                return applied.get().id();
            }
        }
        throw RegistryException.storeError("Could not register the schema under '" + subject + "': another registry"
                + " instance kept writing to the same subject. Run a single writing instance.");
    }

    /** Sets the subject's compatibility level, or the global one when {@code subject} is empty. */
    synchronized void setCompatibility(Optional<String> subject, CompatibilityLevel level) throws InterruptedException {
        write(new CompatibilitySetting(subject.orElse(null), level));
    }

    private void write(SchemaLogEntry entry) throws InterruptedException {
        long offset = schemaLog.append(entry, timeout);
        schemaLog.awaitApplied(offset, timeout);
    }
}
