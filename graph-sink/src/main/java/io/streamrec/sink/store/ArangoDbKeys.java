package io.streamrec.sink.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic document keys. ArangoDB restricts {@code _key} to 254 bytes of letters, digits and a few
 * punctuation marks, while our ids are any string; so a key is the first 128 bits of the SHA-256 of the id, as 32
 * lowercase hex characters. A user key hashes the user id, an item key the item id, and an edge key hashes both ids
 * each prefixed by its UTF-8 length (so that {@code ("ab","c")} and {@code ("a","bc")} differ). The same id always
 * gives the same key, which is what makes an overwrite idempotent; the real ids are stored next to the key, under a
 * unique index, for lookups and for reading. 128 bits keep accidental collisions out of reach (about 2^64 ids).
 */
final class ArangoDbKeys {
    private static final HexFormat HEX = HexFormat.of();
    private static final int KEY_BYTES = 16;

    private ArangoDbKeys() {
    }

    static String vertex(String id) {
        return hash(lengthPrefixed(id));
    }

    static String edge(String userId, String itemId) {
        byte[] user = lengthPrefixed(userId);
        byte[] item = lengthPrefixed(itemId);
        return hash(ByteBuffer.allocate(user.length + item.length).put(user).put(item).array());
    }

    private static byte[] lengthPrefixed(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HEX.formatHex(digest, 0, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
