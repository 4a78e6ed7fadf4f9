package io.streamrec.processor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * Builds a {@link PairRowStore} per item task over a persistent, logged key-value store of the same name. The
 * store is a write-back cache itself, so Kafka Streams' record cache stays off whatever is asked.
 */
final class PairRowStoreBuilder implements StoreBuilder<PairRowStore> {
    private final StoreBuilder<KeyValueStore<String, byte[]>> stored;
    private final long maxCountsPerTask;

    PairRowStoreBuilder(String name, long maxCountsPerTask) {
        this.stored = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled();
        this.maxCountsPerTask = maxCountsPerTask;
    }

    @Override
    public PairRowStoreBuilder withCachingEnabled() {
        return this;
    }

    @Override
    public PairRowStoreBuilder withCachingDisabled() {
        return this;
    }

    @Override
    public PairRowStoreBuilder withLoggingEnabled(Map<String, String> config) {
        stored.withLoggingEnabled(config);
        return this;
    }

    @Override
    public PairRowStoreBuilder withLoggingDisabled() {
        stored.withLoggingDisabled();
        return this;
    }

    @Override
    public PairRowStore build() {
        return new PairRowStore(stored.build(), maxCountsPerTask);
    }

    @Override
    public Map<String, String> logConfig() {
        return stored.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return stored.loggingEnabled();
    }

    @Override
    public String name() {
        return stored.name();
    }
}
