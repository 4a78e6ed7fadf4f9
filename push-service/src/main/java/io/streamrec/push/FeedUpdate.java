package io.streamrec.push;

/**
 * A user's recommendations as they go out: {@code seq} orders a user's updates (newer is larger) and
 * {@code message} is the encoded frame.
 */
record FeedUpdate(String userId, long seq, String message) {

    boolean isNewerThan(long otherSeq) {
        return seq > otherSeq;
    }
}
