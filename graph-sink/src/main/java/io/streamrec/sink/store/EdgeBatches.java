package io.streamrec.sink.store;

import io.streamrec.schemas.UserItemEdge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every adapter does to a batch before writing it. */
final class EdgeBatches {
    private EdgeBatches() {
    }

    /** One edge per user and item, the last one of the batch: records of a key arrive in order, so it is the newest. */
    static Collection<UserItemEdge> latestPerPair(List<UserItemEdge> edges) {
        Map<List<String>, UserItemEdge> latest = new LinkedHashMap<>();
        edges.forEach(edge -> latest.put(List.of(edge.getUserId(), edge.getItemId()), edge));
        return latest.values();
    }
}
