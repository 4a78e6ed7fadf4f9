package io.streamrec.gateway;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The eventIds of events that come without one: random (version 4) UUIDs as {@link UUID#randomUUID()} makes them, but
 * from one generator per thread. {@code randomUUID} shares a single generator behind a lock, which every thread
 * sending events queued on in the profile of batched requests (a hundred ids per request).
 */
final class EventIds implements Supplier<String> {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(EventIds::newGenerator);

    @Override
    public String get() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4: random
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
        return new UUID(longAt(bytes, 0), longAt(bytes, 8)).toString();
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /** SHA1PRNG seeds itself from the system's entropy on first use, so each thread's sequence is its own. */
    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA1PRNG", e);
        }
    }
}
