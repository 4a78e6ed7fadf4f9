package io.streamrec.push;

import io.streamrec.common.lifecycle.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSecretTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void anInlineSecretIsUsedAsUtf8() {
        assertThat(TokenSecret.resolve(Optional.of(SECRET), Optional.empty()))
                .isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretFileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");

        assertThat(TokenSecret.resolve(Optional.empty(), Optional.of(file)))
                .isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noSecretNamesBothWaysToSetOne() {
        assertThatThrownBy(() -> TokenSecret.resolve(Optional.empty(), Optional.empty()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("STREAMREC_PUSH_TOKEN_SECRET").hasMessageContaining("token-secret-file");
    }

    @Test
    void bothSecretsAreAmbiguous(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET);

        assertThatThrownBy(() -> TokenSecret.resolve(Optional.of(SECRET), Optional.of(file)))
                .isInstanceOf(StartupException.class).hasMessageContaining("only one");
    }

    @Test
    void aShortSecretIsRefusedWithItsLength() {
        assertThatThrownBy(() -> TokenSecret.resolve(Optional.of("short"), Optional.empty()))
                .isInstanceOf(StartupException.class).hasMessageContaining("has 5 bytes");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> TokenSecret.resolve(Optional.empty(), Optional.of(missing)))
                .isInstanceOf(StartupException.class).hasMessageContaining(missing.toString());
    }
}
