package io.streamrec.sink.store;

import io.streamrec.schemas.UserItemEdge;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Epoch-millisecond bounds of a vertex's activity: a vertex's span covers the spans of all its edges. */
record ActivitySpan(long first, long last) {

    /** Null when a stored vertex has no bounds (created by another tool). */
    static ActivitySpan of(Long first, Long last) {
        return first == null || last == null ? null : new ActivitySpan(first, last);
    }

    /** The span each user (or item, by {@code id}) needs to cover its edges in {@code edges}. */
    static Map<String, ActivitySpan> spansBy(Collection<UserItemEdge> edges, Function<UserItemEdge, String> id) {
        Map<String, ActivitySpan> spans = new HashMap<>();
        for (UserItemEdge edge : edges) {
            ActivitySpan span = new ActivitySpan(edge.getFirstSeen().toEpochMilli(), edge.getLastSeen().toEpochMilli());
            spans.merge(id.apply(edge), span, ActivitySpan::union);
        }
        return spans;
    }

    ActivitySpan union(ActivitySpan other) {
        return new ActivitySpan(Math.min(first, other.first), Math.max(last, other.last));
    }
}
