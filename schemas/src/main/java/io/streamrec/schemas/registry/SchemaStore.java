package io.streamrec.schemas.registry;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state: subjects, their versions, global schema ids and compatibility levels. It changes only by
 * {@link #apply(SchemaLogEntry)}, in the order of the {@code _schemas} topic, so every instance that reads the topic
 * ends with the same state. Applying is idempotent and deterministic: an entry that repeats a known one is skipped,
 * and one that contradicts an earlier one (a version or an id already taken by another schema, which only concurrent
 * writers can produce) is skipped with a warning, so the first in the topic wins everywhere.
 *
 * <p>{@link #plan} decides what a registration would write without changing anything; the caller writes the entry to
 * the topic and the store learns it when it is applied. Thread-safe.
 */
final class SchemaStore {
    private static final Logger log = LoggerFactory.getLogger(SchemaStore.class);

    /** What a registration amounts to: an existing version, or a new entry to write. */
    record Registration(RegisteredSchema schema, boolean isNew) {
    }

    private final Map<String, NavigableMap<Integer, RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Integer, String> canonicalById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int nextId = 1;

    /** @param configuredLevel the global level until a global {@link CompatibilitySetting} is applied */
    SchemaStore(CompatibilityLevel configuredLevel) {
        this.globalLevel = configuredLevel;
    }

    synchronized void apply(SchemaLogEntry entry) {
        if (entry instanceof RegisteredSchema registered) {
            applyRegistration(registered);
        } else if (entry instanceof CompatibilitySetting setting) {
            applySetting(setting);
        }
    }

    private void applyRegistration(RegisteredSchema entry) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.get(entry.subject());
        RegisteredSchema known = versions == null ? null : versions.get(entry.version());
        if (known != null) {
            if (!known.equals(entry)) {
                warnSkipped(entry, "version " + entry.version() + " already holds schema id " + known.id()
                        + "; were two registries writing at once?");
            }
            return;
        }
        String knownSchema = canonicalById.get(entry.id());
        if (knownSchema != null && !knownSchema.equals(entry.schema())) {
            warnSkipped(entry, "id " + entry.id() + " already names another schema; were two registries writing at once?");
            return;
        }
        Schema parsed;
        try {
            parsed = knownSchema != null ? schemasById.get(entry.id()) : CanonicalSchema.parse(entry.schema()).schema();
        } catch (RegistryException e) {
            warnSkipped(entry, e.getMessage());
            return;
        }
        subjects.computeIfAbsent(entry.subject(), s -> new TreeMap<>()).put(entry.version(), entry);
        schemasById.put(entry.id(), parsed);
        canonicalById.put(entry.id(), entry.schema());
        idsByCanonical.putIfAbsent(entry.schema(), entry.id());
        nextId = Math.max(nextId, entry.id() + 1);
    }

    private void applySetting(CompatibilitySetting setting) {
        if (setting.isGlobal()) {
            globalLevel = setting.level();
        } else {
            subjectLevels.put(setting.subject(), setting.level());
        }
    }

    private static void warnSkipped(RegisteredSchema entry, String reason) {
        log.atWarn().addKeyValue("subject", entry.subject()).addKeyValue("version", entry.version())
                .addKeyValue("id", entry.id()).addKeyValue("reason", reason).log("skipping a _schemas entry");
    }

    /**
     * What registering {@code schema} under {@code subject} means now: the existing version when the subject already
     * has this schema (at any version), otherwise the next version, reusing the schema's global id when another
     * subject has it.
     *
     * @throws RegistryException 409 when the schema is incompatible with the subject's versions
     */
    synchronized Registration plan(String subject, CanonicalSchema schema) {
        Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return new Registration(existing.get(), false);
        }
        NavigableMap<Integer, RegisteredSchema> versions = subjects.getOrDefault(subject, new TreeMap<>());
        List<String> reasons = CompatibilityChecker.incompatibilities(schema.schema(), newestFirst(versions.values()),
                effectiveLevel(subject));
        if (!reasons.isEmpty()) {
            throw RegistryException.incompatible(subject, reasons);
        }
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        int id = idsByCanonical.getOrDefault(schema.canonical(), nextId);
        return new Registration(new RegisteredSchema(subject, version, id, schema.canonical()), true);
    }

    /** The subject's version holding this schema, if any. */
    synchronized Optional<RegisteredSchema> find(String subject, CanonicalSchema schema) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(registered -> registered.schema().equals(schema.canonical()))
                .findFirst();
    }

    /**
     * The subject's version holding this schema.
     *
     * @throws RegistryException 40401 for an unknown subject, 40403 when the subject does not have the schema
     */
    synchronized RegisteredSchema lookup(String subject, CanonicalSchema schema) {
        versionsOf(subject);
        return find(subject, schema)
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema under subject '" + subject + "'"));
    }

    /**
     * Why {@code schema} could not be registered under {@code subject} now; empty when it could. With a version, the
     * check is against that version only, in the direction(s) of the subject's level.
     */
    synchronized List<String> incompatibilities(String subject, CanonicalSchema schema, Optional<Integer> version) {
        NavigableMap<Integer, RegisteredSchema> versions = versionsOf(subject);
        List<CompatibilityChecker.Version> checked = version
                .map(v -> List.of(checkerVersion(version(subject, v))))
                .orElseGet(() -> newestFirst(versions.values()));
        return CompatibilityChecker.incompatibilities(schema.schema(), checked, effectiveLevel(subject));
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsOf(subject).keySet());
    }

    synchronized RegisteredSchema version(String subject, int version) {
        RegisteredSchema registered = versionsOf(subject).get(version);
        if (registered == null) {
            throw RegistryException.versionNotFound(subject, version);
        }
        return registered;
    }

    synchronized RegisteredSchema latest(String subject) {
        return versionsOf(subject).lastEntry().getValue();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(canonicalById.get(id));
    }

    synchronized int schemaCount() {
        return canonicalById.size();
    }

    synchronized int subjectCount() {
        return subjects.size();
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The subject's own level, else the global one. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private NavigableMap<Integer, RegisteredSchema> versionsOf(String subject) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<CompatibilityChecker.Version> newestFirst(Iterable<RegisteredSchema> oldestFirst) {
        List<CompatibilityChecker.Version> versions = new ArrayList<>();
        oldestFirst.forEach(registered -> versions.add(0, checkerVersion(registered)));
        return versions;
    }

    private CompatibilityChecker.Version checkerVersion(RegisteredSchema registered) {
        return new CompatibilityChecker.Version(registered.version(), schemasById.get(registered.id()));
    }
}
