package io.streamrec.gateway;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API keys that authorize server-to-server calls. Only their SHA-256 digests are kept, and a presented key is
 * compared with every one of them in constant time, so neither the timing nor a heap dump gives a key away.
 */
final class ApiKeys {
    static final int MIN_KEY_LENGTH = 16;
    /** One per thread: every server request is checked, and the algorithm lookup per check showed in the profile. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ApiKeys::newSha256);

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    static ApiKeys of(List<String> keys) {
        List<String> problems = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).trim();
            if (key.length() < MIN_KEY_LENGTH) {
                problems.add("API key #" + (i + 1) + " is " + key.length() + " characters long; use at least "
                        + MIN_KEY_LENGTH + " random characters");
            } else {
                digests.add(sha256(key));
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException("invalid API keys:\n  - " + String.join("\n  - ", problems));
        }
        return new ApiKeys(digests);
    }

    /** The keys of {@code streamrec.gateway.api-keys} plus those of {@code api-keys-file}. */
    static ApiKeys load(Optional<List<String>> keys, Optional<String> file) {
        List<String> all = new ArrayList<>(keys.orElse(List.of()));
        file.ifPresent(path -> all.addAll(readKeyFile(Path.of(path))));
        return of(all);
    }

    private static List<String> readKeyFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new StartupException("cannot read the API key file " + file.toAbsolutePath() + " (streamrec.gateway"
                    + ".api-keys-file): " + e.getMessage(), e);
        }
    }

    /** False when no key is configured: then server-to-server calls need none. */
    boolean required() {
        return !digests.isEmpty();
    }

    int count() {
        return digests.size();
    }

    boolean accepts(String presented) {
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] known : digests) {
            // no early exit: the time taken does not tell which key, or whether any, matched
            match |= MessageDigest.isEqual(known, digest);
        }
        return match;
    }

    private static byte[] sha256(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
