package io.streamrec.push;

import io.streamrec.push.TokenVerification.Reason;
import io.streamrec.push.TokenVerification.Rejected;
import io.streamrec.push.TokenVerification.Valid;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);

    private final FeedTokens tokens = at(NOW, SECRET);

    @Test
    void aFreshTokenNamesItsUserAndExpiry() {
        TokenVerification verification = tokens.verify(tokens.issue("u1", TTL));

        assertThat(verification).isEqualTo(new Valid("u1", NOW.plus(TTL)));
    }

    @Test
    void userIdsWithDotsAndNonAsciiSurviveTheRoundTrip() {
        String userId = "tenant.42:émilie@example.com";

        assertThat(tokens.verify(tokens.issue(userId, TTL))).isEqualTo(new Valid(userId, NOW.plus(TTL)));
    }

    @Test
    void aTokenIsUrlAndSubprotocolSafe() {
        // base64url without padding plus one dot: valid in a query string and as an RFC 7230 token
        assertThat(tokens.issue("user with spaces/and?query", TTL)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = tokens.issue("u1", TTL);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((NOW.plus(TTL).getEpochSecond() + ".u2").getBytes(StandardCharsets.UTF_8));
        String forged = forgedPayload + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(forged)).isEqualTo(new Rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = tokens.issue("u1", TTL);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(tokens.verify(tampered)).isEqualTo(new Rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String foreign = at(NOW, OTHER_SECRET).issue("u1", TTL);

        assertThat(tokens.verify(foreign)).isEqualTo(new Rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOn() {
        String token = tokens.issue("u1", TTL);

        assertThat(at(NOW.plus(TTL).minusSeconds(1), SECRET).verify(token)).isInstanceOf(Valid.class);
        assertThat(at(NOW.plus(TTL), SECRET).verify(token)).isEqualTo(new Rejected(Reason.EXPIRED));
    }

    @Test
    void malformedTokensAreRefusedAsMalformed() {
        String valid = tokens.issue("u1", TTL);

        assertThat(tokens.verify("no-dot-at-all")).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(tokens.verify(".onlysignature")).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(tokens.verify(valid + ".extra")).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(tokens.verify("not*base64.c2ln")).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(tokens.verify("a".repeat(5000) + ".b")).isEqualTo(new Rejected(Reason.MALFORMED));
    }

    @Test
    void aCorrectlySignedPayloadWithoutAnExpiryIsMalformed() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("u1".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(payload + "." + hmac(SECRET, payload))).isEqualTo(new Rejected(Reason.MALFORMED));
    }

    @Test
    void aMissingTokenIsRefusedAsMissing() {
        assertThat(tokens.verify(null)).isEqualTo(new Rejected(Reason.MISSING));
        assertThat(tokens.verify("  ")).isEqualTo(new Rejected(Reason.MISSING));
    }

    @Test
    void issuingRefusesBadInput() {
        assertThatThrownBy(() -> tokens.issue("", TTL)).hasMessageContaining("user id is missing");
        assertThatThrownBy(() -> tokens.issue("u\n1", TTL)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> tokens.issue("u".repeat(257), TTL)).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> tokens.issue("u1", Duration.ZERO)).hasMessageContaining("ttl must be positive");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new FeedTokens(new byte[31], Clock.systemUTC()))
                .hasMessageContaining("at least 32 bytes");
    }

    private static String hmac(byte[] secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static FeedTokens at(Instant now, byte[] secret) {
        return new FeedTokens(secret, Clock.fixed(now, ZoneOffset.UTC));
    }
}
