package io.streamrec.sink.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArangoDbKeysTest {
    /** ArangoDB's allowed key characters, of which the scheme uses only hex digits. */
    private static final String VALID_KEY = "[0-9a-f]{32}";

    @Test
    void theSameIdAlwaysGivesTheSameValidKeyWhateverCharactersItHas() {
        for (String id : new String[]{"u1", "user/with/slashes", "emoji-🙂", " ", "x".repeat(1000), "日本"}) {
            assertThat(ArangoDbKeys.vertex(id)).matches(VALID_KEY).isEqualTo(ArangoDbKeys.vertex(id));
            assertThat(ArangoDbKeys.edge(id, id)).matches(VALID_KEY).isEqualTo(ArangoDbKeys.edge(id, id));
        }
    }

    @Test
    void differentIdsAndDifferentSplitsOfThePairGiveDifferentKeys() {
        assertThat(ArangoDbKeys.vertex("u1")).isNotEqualTo(ArangoDbKeys.vertex("u2"));
        assertThat(ArangoDbKeys.edge("ab", "c")).isNotEqualTo(ArangoDbKeys.edge("a", "bc"));
        assertThat(ArangoDbKeys.edge("u1", "i1")).isNotEqualTo(ArangoDbKeys.edge("i1", "u1"));
    }

    @Test
    void theSchemeIsPinned() {
        // a changed scheme would orphan every stored document; values computed independently (Python hashlib)
        assertThat(ArangoDbKeys.vertex("u1")).isEqualTo("3ca5f63b5c8d9f0a56fc31cd4c224b2a");
        assertThat(ArangoDbKeys.edge("u1", "i1")).isEqualTo("19cd66827a94c3e826bc128b20376b78");
    }
}
