package io.streamrec.processor;

/**
 * Where a recommended item came from. {@link #key()} is the name used in strategy JSON and in
 * {@code RecommendedItem.sources}.
 */
public enum CandidateSource {
    /** Items co-occurring with the user's recent items. */
    SIMILAR("similar"),
    /** The most interacted items. */
    POPULAR("popular"),
    /** Items gaining interactions fastest. */
    TRENDING("trending"),
    /** Items an operator pinned for the user's segment. */
    PINNED("pinned");

    private final String key;

    CandidateSource(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The key, as operators write it in strategies. */
    @Override
    public String toString() {
        return key;
    }
}
