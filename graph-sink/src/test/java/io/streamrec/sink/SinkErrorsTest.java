package io.streamrec.sink;

import io.streamrec.schemas.serde.SchemaRegistryException;
import io.streamrec.sink.store.GraphStoreException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class SinkErrorsTest {

    @Test
    void theStoreAdapterDecidesForStoreFailures() {
        assertThat(SinkErrors.isRetriable(new GraphStoreException("conflict", null, true))).isTrue();
        assertThat(SinkErrors.isRetriable(new GraphStoreException("closed", null, false))).isFalse();
    }

    @Test
    void aRegistryThatCannotAnswerIsRetriedButAMissingSchemaIsNot() {
        assertThat(SinkErrors.isRetriable(new SchemaRegistryException("down", new IOException("refused")))).isTrue();
        assertThat(SinkErrors.isRetriable(new SchemaRegistryException("store error", 50001))).isTrue();
        assertThat(SinkErrors.isRetriable(new SchemaRegistryException("bad gateway", 502))).isTrue();
        assertThat(SinkErrors.isRetriable(new SchemaRegistryException("not found", 40403))).isFalse();
    }

    @Test
    void bugsAreNotRetried() {
        assertThat(SinkErrors.isRetriable(new NullPointerException())).isFalse();
    }
}
