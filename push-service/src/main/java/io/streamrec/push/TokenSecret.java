package io.streamrec.push;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves the token secret from {@code streamrec.push.token-secret} or {@code streamrec.push.token-secret-file}. */
final class TokenSecret {
    /** HMAC-SHA256 gains nothing from a longer key and loses strength with a shorter one. */
    static final int MIN_BYTES = 32;

    private TokenSecret() {
    }

    static byte[] resolve(Optional<String> inline, Optional<Path> file) {
        if (inline.isPresent() && file.isPresent()) {
            throw new StartupException("set only one of streamrec.push.token-secret and streamrec.push.token-secret-file");
        }
        String secret = inline.or(() -> file.map(TokenSecret::read)).orElseThrow(() -> new StartupException(
                "no feed token secret: set STREAMREC_PUSH_TOKEN_SECRET (streamrec.push.token-secret) or"
                        + " streamrec.push.token-secret-file to at least " + MIN_BYTES + " random bytes"));
        byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new StartupException("the feed token secret has " + bytes.length + " bytes; it needs at least "
                    + MIN_BYTES + " (e.g. `openssl rand -base64 32`)");
        }
        return bytes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new StartupException("cannot read the feed token secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
