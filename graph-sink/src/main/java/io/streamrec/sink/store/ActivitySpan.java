package io.streamrec.sink.store;

/** Epoch-millisecond bounds of a vertex's activity: a vertex's span covers the spans of all its edges. */
record ActivitySpan(long first, long last) {

    /** Null when a stored vertex has no bounds (created by another tool). */
    static ActivitySpan of(Long first, Long last) {
        return first == null || last == null ? null : new ActivitySpan(first, last);
    }

    ActivitySpan union(ActivitySpan other) {
        return new ActivitySpan(Math.min(first, other.first), Math.max(last, other.last));
    }
}
