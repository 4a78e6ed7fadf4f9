package io.streamrec.schemas.registry;

/** Real Avro schemas of one record type as it evolves, for the store and compatibility tests. */
final class AvroTestSchemas {
    private AvroTestSchemas() {
    }

    static final String USER_V1 = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "id", "type": "string"}]}""";

    /** USER_V1 with other whitespace and attribute order: the same canonical form. */
    static final String USER_V1_REFORMATTED = """
            {"namespace":"test","fields":[{"type":"string","name":"id"}],"name":"User","type":"record"}""";

    static final String USER_V2_FIELD_WITH_DEFAULT = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "id", "type": "string"},
                        {"name": "email", "type": ["null", "string"], "default": null}]}""";

    static final String USER_V2_FIELD_WITHOUT_DEFAULT = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "id", "type": "string"},
                        {"name": "age", "type": "int"}]}""";

    static final String USER_ID_AS_INT = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "id", "type": "int"}]}""";

    static final String USER_WITHOUT_FIELDS = """
            {"type": "record", "name": "User", "namespace": "test", "fields": []}""";

    static final String USER_ID_AS_STRING_WITH_DEFAULT = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "id", "type": "string", "default": ""}]}""";

    static CanonicalSchema parse(String text) {
        return CanonicalSchema.parse(text);
    }
}
