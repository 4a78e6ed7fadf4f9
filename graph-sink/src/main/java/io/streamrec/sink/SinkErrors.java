package io.streamrec.sink;

import io.streamrec.schemas.serde.SchemaRegistryException;
import io.streamrec.sink.store.GraphStoreException;

/**
 * Sorts the failures of writing a batch, in one place: retriable ones keep the batch and are retried with backoff;
 * any other stops the sink without committing, so nothing is lost.
 */
final class SinkErrors {
    private SinkErrors() {
    }

    static boolean isRetriable(RuntimeException e) {
        if (e instanceof GraphStoreException store) {
            return store.retriable();
        }
        if (e instanceof DeadLetters.DeadLetterException deadLetter) {
            return deadLetter.retriable();
        }
        return e instanceof SchemaRegistryException registry && registryUnavailable(registry);
    }

    /**
     * True when the registry did not answer or failed on its side (no answer, HTTP 5xx, Confluent 5xxxx codes):
     * the record is probably fine and must wait. False when it answered that the schema does not exist: the record
     * itself is bad.
     */
    static boolean registryUnavailable(SchemaRegistryException e) {
        int code = e.errorCode();
        return code == 0 || code / 100 == 5 || code / 10_000 == 5;
    }
}
