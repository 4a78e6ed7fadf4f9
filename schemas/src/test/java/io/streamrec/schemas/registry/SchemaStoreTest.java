package io.streamrec.schemas.registry;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.streamrec.schemas.registry.AvroTestSchemas.USER_ID_AS_INT;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_ID_AS_STRING_WITH_DEFAULT;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_V1;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_V1_REFORMATTED;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_V2_FIELD_WITHOUT_DEFAULT;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_V2_FIELD_WITH_DEFAULT;
import static io.streamrec.schemas.registry.AvroTestSchemas.USER_WITHOUT_FIELDS;
import static io.streamrec.schemas.registry.AvroTestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaStoreTest {
    private final SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD);

    /** Plans and applies, as the writer does through the topic. */
    private RegisteredSchema register(String subject, String schema) {
        SchemaStore.Registration registration = store.plan(subject, parse(schema));
        if (registration.isNew()) {
            store.apply(registration.schema());
        }
        return registration.schema();
    }

    @Test
    void firstRegistrationIsVersionOneWithIdOne() {
        SchemaStore.Registration registration = store.plan("users-value", parse(USER_V1));

        assertThat(registration.isNew()).isTrue();
        assertThat(registration.schema()).isEqualTo(
                new RegisteredSchema("users-value", 1, 1, parse(USER_V1).canonical()));
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheExistingVersionAndId() {
        RegisteredSchema first = register("users-value", USER_V1);

        SchemaStore.Registration again = store.plan("users-value", parse(USER_V1_REFORMATTED));

        assertThat(again.isNew()).isFalse();
        assertThat(again.schema()).isEqualTo(first);
        assertThat(store.versions("users-value")).containsExactly(1);
    }

    @Test
    void theSameSchemaUnderAnotherSubjectReusesTheGlobalId() {
        RegisteredSchema users = register("users-value", USER_V1);

        RegisteredSchema other = register("other-value", USER_V1_REFORMATTED);

        assertThat(other.id()).isEqualTo(users.id());
        assertThat(other.version()).isEqualTo(1);
        assertThat(store.subjects()).containsExactly("other-value", "users-value");
        assertThat(store.schemaCount()).isEqualTo(1);
    }

    @Test
    void aNewSchemaGetsTheNextVersionAndANewId() {
        register("users-value", USER_V1);

        RegisteredSchema v2 = register("users-value", USER_V2_FIELD_WITH_DEFAULT);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isEqualTo(2);
        assertThat(store.versions("users-value")).containsExactly(1, 2);
        assertThat(store.latest("users-value")).isEqualTo(v2);
        assertThat(store.version("users-value", 1).schema()).isEqualTo(parse(USER_V1).canonical());
        assertThat(store.schemaById(2)).contains(parse(USER_V2_FIELD_WITH_DEFAULT).canonical());
    }

    @Test
    void anEarlierVersionRegisteredAgainIsFoundNotDuplicated() {
        register("users-value", USER_V1);
        register("users-value", USER_V2_FIELD_WITH_DEFAULT);

        SchemaStore.Registration again = store.plan("users-value", parse(USER_V1));

        assertThat(again.isNew()).isFalse();
        assertThat(again.schema().version()).isEqualTo(1);
    }

    @Test
    void backwardAcceptsAFieldWithADefault() {
        register("users-value", USER_V1);

        assertThat(store.incompatibilities("users-value", parse(USER_V2_FIELD_WITH_DEFAULT), Optional.empty())).isEmpty();
        assertThat(store.plan("users-value", parse(USER_V2_FIELD_WITH_DEFAULT)).isNew()).isTrue();
    }

    @Test
    void backwardRejectsAFieldWithoutADefaultAndSaysWhy() {
        register("users-value", USER_V1);

        assertThatThrownBy(() -> store.plan("users-value", parse(USER_V2_FIELD_WITHOUT_DEFAULT)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("users-value", "READER_FIELD_MISSING_DEFAULT_VALUE", "age",
                            "version 1");
                });
        assertThat(store.versions("users-value")).containsExactly(1);
    }

    @Test
    void backwardChecksOnlyTheLatestVersionButTransitiveChecksThemAll() {
        register("users-value", USER_ID_AS_INT);
        register("users-value", USER_WITHOUT_FIELDS);
        CanonicalSchema idAsString = parse(USER_ID_AS_STRING_WITH_DEFAULT);

        assertThat(store.incompatibilities("users-value", idAsString, Optional.empty())).isEmpty();

        store.apply(new CompatibilitySetting("users-value", CompatibilityLevel.BACKWARD_TRANSITIVE));

        assertThat(store.incompatibilities("users-value", idAsString, Optional.empty()))
                .singleElement().asString().contains("version 1", "TYPE_MISMATCH");
    }

    @Test
    void aSpecificVersionIsCheckedAlone() {
        register("users-value", USER_ID_AS_INT);
        register("users-value", USER_WITHOUT_FIELDS);
        CanonicalSchema idAsString = parse(USER_ID_AS_STRING_WITH_DEFAULT);

        assertThat(store.incompatibilities("users-value", idAsString, Optional.of(1))).isNotEmpty();
        assertThat(store.incompatibilities("users-value", idAsString, Optional.of(2))).isEmpty();
    }

    @Test
    void forwardAcceptsAFieldWithoutADefaultButNotRemovingOne() {
        store.apply(CompatibilitySetting.global(CompatibilityLevel.FORWARD));
        register("users-value", USER_V1);

        assertThat(store.incompatibilities("users-value", parse(USER_V2_FIELD_WITHOUT_DEFAULT), Optional.empty()))
                .isEmpty();
        assertThat(store.incompatibilities("users-value", parse(USER_WITHOUT_FIELDS), Optional.empty()))
                .singleElement().asString().contains("version 1 cannot read", "READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void fullRejectsWhatEitherDirectionRejects() {
        store.apply(new CompatibilitySetting("users-value", CompatibilityLevel.FULL));
        register("users-value", USER_V1);

        assertThat(store.incompatibilities("users-value", parse(USER_V2_FIELD_WITH_DEFAULT), Optional.empty())).isEmpty();
        assertThat(store.incompatibilities("users-value", parse(USER_V2_FIELD_WITHOUT_DEFAULT), Optional.empty()))
                .isNotEmpty();
    }

    @Test
    void noneAcceptsAnyChange() {
        store.apply(new CompatibilitySetting("users-value", CompatibilityLevel.NONE));
        register("users-value", USER_V1);

        assertThat(register("users-value", USER_ID_AS_INT).version()).isEqualTo(2);
    }

    @Test
    void subjectLevelsOverrideTheGlobalOne() {
        store.apply(new CompatibilitySetting("users-value", CompatibilityLevel.FULL));
        store.apply(CompatibilitySetting.global(CompatibilityLevel.NONE));

        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.subjectLevel("users-value")).contains(CompatibilityLevel.FULL);
        assertThat(store.effectiveLevel("users-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(store.subjectLevel("other")).isEmpty();
        assertThat(store.effectiveLevel("other")).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void applyingAnEntryTwiceChangesNothing() {
        RegisteredSchema v1 = register("users-value", USER_V1);

        store.apply(v1);

        assertThat(store.versions("users-value")).containsExactly(1);
        assertThat(store.plan("users-value", parse(USER_V2_FIELD_WITH_DEFAULT)).schema().id()).isEqualTo(2);
    }

    @Test
    void theFirstEntryForAVersionWinsOverAContradictingOne() {
        RegisteredSchema v1 = register("users-value", USER_V1);

        store.apply(new RegisteredSchema("users-value", 1, 2, parse(USER_ID_AS_INT).canonical()));

        assertThat(store.version("users-value", 1)).isEqualTo(v1);
        assertThat(store.schemaById(2)).isEmpty();
    }

    @Test
    void anIdAlreadyNamingAnotherSchemaIsNotReassigned() {
        register("users-value", USER_V1);

        store.apply(new RegisteredSchema("other-value", 1, 1, parse(USER_ID_AS_INT).canonical()));

        assertThat(store.subjects()).containsExactly("users-value");
        assertThat(store.schemaById(1)).contains(parse(USER_V1).canonical());
    }

    @Test
    void newIdsFollowTheHighestAppliedId() {
        store.apply(new RegisteredSchema("users-value", 1, 41, parse(USER_V1).canonical()));

        assertThat(store.plan("other-value", parse(USER_ID_AS_INT)).schema().id()).isEqualTo(42);
    }

    @Test
    void anUnparsableEntryIsSkipped() {
        store.apply(new RegisteredSchema("users-value", 1, 1, "{not avro"));

        assertThat(store.subjects()).isEmpty();
    }

    @Test
    void unknownSubjectsAndVersionsAreReportedWithConfluentCodes() {
        register("users-value", USER_V1);

        assertThatThrownBy(() -> store.versions("nope"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> store.version("users-value", 7))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> store.incompatibilities("nope", parse(USER_V1), Optional.empty()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThat(store.find("users-value", parse(USER_ID_AS_INT))).isEmpty();
        assertThat(store.schemaById(99)).isEmpty();
    }
}
