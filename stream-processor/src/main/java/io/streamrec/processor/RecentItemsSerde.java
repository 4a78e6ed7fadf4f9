package io.streamrec.processor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/**
 * JSON for the {@code recent-items} store and its changelog. The store is internal to the processor, so it needs no
 * registry; JSON ignores unknown fields, so a later version can add some without a migration.
 */
final class RecentItemsSerde implements Serde<RecentItems>, Serializer<RecentItems>, Deserializer<RecentItems> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public byte[] serialize(String topic, RecentItems recent) {
        if (recent == null) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(recent);
        } catch (IOException e) {
            throw new SerializationException("cannot write recent items to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RecentItems deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return JSON.readValue(data, RecentItems.class);
        } catch (IOException e) {
            throw new SerializationException("cannot read recent items from " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<RecentItems> serializer() {
        return this;
    }

    @Override
    public Deserializer<RecentItems> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // holds no resources
    }
}
