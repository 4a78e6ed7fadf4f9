package io.streamrec.processor;

import io.streamrec.schemas.Recommendations;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Optional;

/**
 * Interactive queries over the processor's stores. A user's latest recommendations live in the task owning the
 * user's partition, so {@link #ownerOf} says which instance to ask; neighbour rows are in a global store, which
 * every instance holds whole.
 */
final class PullQueries {
    private final KafkaStreams streams;
    private final Optional<HostInfo> self;

    /** @param self this instance's advertised host and port, empty for a single instance */
    PullQueries(KafkaStreams streams, Optional<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    /** The instance to forward a user's query to, or empty when this one owns the user (or runs alone). */
    Optional<HostInfo> ownerOf(String userId) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(Recommender.LATEST_STORE, userId,
                new StringSerializer());
        HostInfo owner = metadata.activeHost();
        if (owner == null || owner.equals(HostInfo.unavailable()) || owner.equals(self.get())) {
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    /** The user's latest recommendations from this instance's stores; empty when the user has none. */
    Optional<Recommendations> latestOf(String userId) {
        ReadOnlyKeyValueStore<String, Recommendations> latest = streams.store(StoreQueryParameters.fromNameAndType(
                Recommender.LATEST_STORE, QueryableStoreTypes.<String, Recommendations>keyValueStore()));
        return Optional.ofNullable(latest.get(userId));
    }

    /** The item's published neighbour row; empty when the item has none yet. */
    Optional<NeighbourRow> rowOf(String itemId) {
        ReadOnlyKeyValueStore<String, NeighbourRow> rows = streams.store(StoreQueryParameters.fromNameAndType(
                RecommendationTopology.NEIGHBOURS_STORE, QueryableStoreTypes.<String, NeighbourRow>keyValueStore()));
        return Optional.ofNullable(rows.get(itemId));
    }
}
