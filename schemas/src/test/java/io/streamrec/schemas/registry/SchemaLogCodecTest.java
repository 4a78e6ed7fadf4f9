package io.streamrec.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaLogCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRegistrationRoundTripsInConfluentsLayout() throws Exception {
        RegisteredSchema entry = new RegisteredSchema("users-value", 3, 7, "\"string\"");

        byte[] key = SchemaLogCodec.key(entry);
        byte[] value = SchemaLogCodec.value(entry);

        assertThat(JSON.readTree(key)).isEqualTo(JSON.readTree(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"users-value\",\"version\":3}"));
        assertThat(JSON.readTree(value)).isEqualTo(JSON.readTree(
                "{\"subject\":\"users-value\",\"version\":3,\"id\":7,\"schema\":\"\\\"string\\\"\"}"));
        assertThat(SchemaLogCodec.decode(key, value)).contains(entry);
    }

    @Test
    void compatibilitySettingsRoundTripForASubjectAndGlobally() throws Exception {
        CompatibilitySetting subject = new CompatibilitySetting("users-value", CompatibilityLevel.FULL);
        CompatibilitySetting global = CompatibilitySetting.global(CompatibilityLevel.NONE);

        assertThat(JSON.readTree(SchemaLogCodec.key(global)))
                .isEqualTo(JSON.readTree("{\"keytype\":\"CONFIG\",\"subject\":null}"));
        assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(subject), SchemaLogCodec.value(subject))).contains(subject);
        assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(global), SchemaLogCodec.value(global))).contains(global);
    }

    @Test
    void keysOfTheSameEntryAreTheSameBytesSoCompactionKeepsOne() {
        RegisteredSchema entry = new RegisteredSchema("users-value", 1, 1, "\"int\"");

        assertThat(SchemaLogCodec.key(entry)).isEqualTo(SchemaLogCodec.key(new RegisteredSchema("users-value", 1, 9, "\"long\"")));
    }

    @Test
    void aKeyWithoutKeytypeIsARegistration() {
        assertThat(SchemaLogCodec.decode(utf8("{\"subject\":\"s\",\"version\":1}"),
                utf8("{\"subject\":\"s\",\"version\":1,\"id\":2,\"schema\":\"\\\"int\\\"\",\"deleted\":false}")))
                .contains(new RegisteredSchema("s", 1, 2, "\"int\""));
    }

    @Test
    void tombstonesAndUnknownKeyTypesAreSkipped() {
        assertThat(SchemaLogCodec.decode(utf8("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}"), null)).isEmpty();
        assertThat(SchemaLogCodec.decode(utf8("{\"keytype\":\"NOOP\"}"), utf8("{}"))).isEmpty();
    }

    @Test
    void malformedRecordsAreReportedNotApplied() {
        assertThatThrownBy(() -> SchemaLogCodec.decode(utf8("not json"), utf8("{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaLogCodec.decode(utf8("{\"keytype\":\"SCHEMA\"}"), utf8("{\"subject\":\"s\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incomplete");
        assertThatThrownBy(() -> SchemaLogCodec.decode(utf8("{\"keytype\":\"CONFIG\",\"subject\":\"s\"}"),
                utf8("{\"compatibilityLevel\":\"SIDEWAYS\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIDEWAYS");
    }
}
