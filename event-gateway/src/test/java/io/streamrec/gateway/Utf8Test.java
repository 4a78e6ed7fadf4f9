package io.streamrec.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void asciiAndWellFormedMultiByteTextAreValidAtAnyLength() {
        for (int length = 0; length < 20; length++) {
            assertThat(Utf8.malformedOffset("x".repeat(length).getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
            assertThat(Utf8.malformedOffset(("x".repeat(length) + "é😀").getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(-1);
        }
    }

    @Test
    void aMalformedByteIsFoundWhereverItIs() {
        for (int at = 0; at < 20; at++) {
            byte[] body = "y".repeat(20).getBytes(StandardCharsets.US_ASCII);
            body[at] = (byte) 0xff;

            assertThat(Utf8.malformedOffset(body)).as("0xff at %d", at).isEqualTo(at);
        }
    }

    @Test
    void anEncodedSurrogateIsMalformed() {
        byte[] body = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80};

        assertThat(Utf8.malformedOffset(body)).isEqualTo(1);
    }
}
