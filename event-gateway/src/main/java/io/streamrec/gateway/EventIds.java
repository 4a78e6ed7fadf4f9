package io.streamrec.gateway;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The eventIds of events that come without one: random (version 4) UUIDs, from one generator per thread.
 * {@link UUID#randomUUID()} shares a single generator behind a lock, which every thread sending events queued on in
 * the profile of batched requests; a per-thread {@code SHA1PRNG} then still cost a SHA-1 block per id, 7 % of a
 * batched request's CPU samples. So each thread takes its bits from an AES-CTR keystream under a key and counter
 * drawn from {@link SecureRandom}: the CTR_DRBG construction, as unpredictable as AES, for a few nanoseconds an id.
 * Unpredictable matters: whoever could guess a coming id could send an event with it first, and the consumers would
 * drop the real one as its duplicate.
 */
final class EventIds implements Supplier<String> {
    private static final ThreadLocal<Keystream> KEYSTREAMS = ThreadLocal.withInitial(Keystream::new);

    @Override
    public String get() {
        ByteBuffer random = KEYSTREAMS.get().next16Bytes();
        long high = (random.getLong() & ~0xf000L) | 0x4000L; // version 4: random
        long low = (random.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // the IETF variant
        return new UUID(high, low).toString();
    }

    /** A thread's AES-CTR keystream, produced a few hundred ids at a time. */
    private static final class Keystream {
        private static final int BLOCK_BYTES = 16;
        private static final byte[] ZEROS = new byte[256 * BLOCK_BYTES];

        private final Cipher cipher;
        private final byte[] bytes = new byte[ZEROS.length];
        private final ByteBuffer buffer = ByteBuffer.wrap(bytes).position(bytes.length);

        Keystream() {
            SecureRandom seed = new SecureRandom();
            byte[] key = new byte[BLOCK_BYTES];
            byte[] counter = new byte[BLOCK_BYTES];
            seed.nextBytes(key);
            seed.nextBytes(counter);
            try {
                cipher = Cipher.getInstance("AES/CTR/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has AES/CTR/NoPadding", e);
            }
        }

        /** The buffer, positioned at 16 bytes not handed out before. */
        ByteBuffer next16Bytes() {
            if (!buffer.hasRemaining()) {
                // encrypting zeros gives the keystream itself
                try {
                    cipher.update(ZEROS, 0, ZEROS.length, bytes, 0);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-CTR refused a buffer of its own size", e);
                }
                buffer.clear();
            }
            return buffer;
        }
    }
}
