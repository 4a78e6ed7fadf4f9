package io.streamrec.push;

import io.streamrec.push.TokenVerification.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and verifies feed tokens: {@code base64url(expiryEpochSeconds + "." + userId) + "." +
 * base64url(HMAC-SHA256(secret, first part))}, unpadded. A token proves which user's feed its bearer may read and
 * until when; it is stateless, so any instance sharing the secret accepts it. Thread-safe.
 */
public final class FeedTokens {
    /** A browser that cannot set a query parameter offers the token as the subprotocol {@code streamrec.token.<token>}. */
    public static final String SUBPROTOCOL_PREFIX = "streamrec.token.";
    static final int MAX_USER_ID_LENGTH = 256;
    // far above any token we issue; bounds the work an anonymous client can cause
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public FeedTokens(byte[] secret, Clock clock) {
        if (secret.length < TokenSecret.MIN_BYTES) {
            throw new IllegalArgumentException("the token secret needs at least " + TokenSecret.MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** Tokens signed with the configured secret; fails with a {@code StartupException} when it is missing or weak. */
    public static FeedTokens fromConfig(PushConfig.PushSettings settings) {
        return new FeedTokens(TokenSecret.resolve(settings.tokenSecret(), settings.tokenSecretFile()), Clock.systemUTC());
    }

    /** Why a user id cannot be put in a token, if it cannot. */
    public static Optional<String> userIdProblem(String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.of("user id is missing");
        }
        if (userId.length() > MAX_USER_ID_LENGTH) {
            return Optional.of("user id is longer than " + MAX_USER_ID_LENGTH + " characters");
        }
        if (userId.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("user id contains control characters");
        }
        return Optional.empty();
    }

    /** A token for that user's feed, valid for {@code ttl} from now. */
    public String issue(String userId, Duration ttl) {
        userIdProblem(userId).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token ttl must be positive, was " + ttl);
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = ENCODER.encodeToString((expiry + "." + userId).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    public TokenVerification verify(String token) {
        if (token == null || token.isBlank()) {
            return new TokenVerification.Rejected(Reason.MISSING);
        }
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot <= 0 || dot != token.lastIndexOf('.')) {
            return new TokenVerification.Rejected(Reason.MALFORMED);
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        String claims;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            claims = new String(DECODER.decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new TokenVerification.Rejected(Reason.MALFORMED);
        }
        // constant time: a timing difference would let a client guess a signature byte by byte
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return new TokenVerification.Rejected(Reason.BAD_SIGNATURE);
        }
        return readClaims(claims);
    }

    private TokenVerification readClaims(String claims) {
        int dot = claims.indexOf('.');
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(claims.substring(0, Math.max(dot, 0))));
        } catch (NumberFormatException | DateTimeException e) {
            return new TokenVerification.Rejected(Reason.MALFORMED);
        }
        String userId = claims.substring(dot + 1);
        if (userIdProblem(userId).isPresent()) {
            return new TokenVerification.Rejected(Reason.MALFORMED);
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return new TokenVerification.Rejected(Reason.EXPIRED);
        }
        return new TokenVerification.Valid(userId, expiresAt);
    }

    private byte[] sign(String payload) {
        try {
            // a Mac is stateful and not thread-safe; creating one is cheap next to a network round trip
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
