package io.streamrec.schemas.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalSchemaTest {

    @Test
    void formattingDoesNotChangeTheCanonicalForm() {
        assertThat(CanonicalSchema.parse(AvroTestSchemas.USER_V1).canonical())
                .isEqualTo(CanonicalSchema.parse(AvroTestSchemas.USER_V1_REFORMATTED).canonical());
    }

    @Test
    void defaultsAndDocsArePartOfTheCanonicalForm() {
        String withDoc = AvroTestSchemas.USER_V1.replace("\"name\": \"User\"", "\"name\": \"User\", \"doc\": \"a user\"");

        assertThat(CanonicalSchema.parse(withDoc).canonical()).contains("a user")
                .isNotEqualTo(CanonicalSchema.parse(AvroTestSchemas.USER_V1).canonical());
        assertThat(CanonicalSchema.parse(AvroTestSchemas.USER_V2_FIELD_WITH_DEFAULT).canonical()).contains("\"default\"");
    }

    @Test
    void primitiveSchemasAreValid() {
        assertThat(CanonicalSchema.parse("\"string\"").canonical()).isEqualTo("\"string\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "{\"type\": \"record\", \"name\": \"User\"}",
            "{\"type\": \"nosuchtype\"}",
            "{\"type\": \"record\", \"name\": \"User\", \"fields\": [{\"name\": \"n\", \"type\": \"int\", \"default\": \"x\"}]}",
            ""})
    void invalidSchemasAreRefusedWith42201AndTheParsersReason(String text) {
        assertThatThrownBy(() -> CanonicalSchema.parse(text))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.getMessage()).startsWith("Invalid schema: ").hasSizeGreaterThan("Invalid schema: ".length());
                });
    }
}
