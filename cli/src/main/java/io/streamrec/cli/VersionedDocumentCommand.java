package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.streamrec.cli.documents.JsonDiff;
import io.streamrec.cli.documents.VersionedDocuments;
import io.streamrec.cli.documents.VersionedDocuments.Version;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.lifecycle.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The subcommands shared by the JSON documents operators edit in etcd (strategies, experiments): get, validate,
 * put, diff, history, rollback, watch. A version is the key's etcd mod revision; writes are compare-and-set.
 */
abstract class VersionedDocumentCommand {
    /** The etcd prefix of the documents, ending with '/'. */
    protected abstract String prefix();

    /** "strategy", "experiment". */
    protected abstract String noun();

    /** Parses and validates a document. @throws IllegalArgumentException naming every problem */
    protected abstract void validate(String name, String json);

    /** What is valid but probably not meant in a document about to be written, given the documents in etcd. */
    protected List<String> warnings(String name, String json, VersionedDocuments documents) {
        return List.of();
    }

    static final int EXIT_INVALID_OR_DIFFERENT = 4;
    static final int EXIT_NOT_FOUND = 5;
    static final int EXIT_CONCURRENT_EDIT = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a document (its version on stderr).")
    int get(@Parameters(paramLabel = "NAME") String name) {
        return withDocuments(documents -> {
            Optional<Version> current = documents.current(name);
            if (current.isEmpty()) {
                return notFound(name);
            }
            err().println("version " + current.get().version());
            out().println(pretty(current.get().value()));
            return 0;
        });
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a file without writing it.")
    int validate(@Parameters(paramLabel = "FILE") Path file) {
        return validated(nameOf(file), read(file)) ? 0 : EXIT_INVALID_OR_DIFFERENT;
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Validate a file, then write it unless someone changed the document meanwhile.")
    int put(@Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "FILE") Path file,
            @Option(names = "--if-version", paramLabel = "V",
                    description = "Write only if the document is still at version V (0: only if it does not exist).")
            Long ifVersion) {
        String json = read(file);
        if (!validated(name, json)) {
            return EXIT_INVALID_OR_DIFFERENT;
        }
        return withDocuments(documents -> {
            long expected = ifVersion != null ? ifVersion : documents.current(name).map(Version::version).orElse(0L);
            warnings(name, json, documents).forEach(warning -> err().println("streamrec: warning: " + warning));
            return write(documents, name, json, expected);
        });
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "Show what putting FILE would change.")
    int diff(@Parameters(index = "0", paramLabel = "NAME") String name,
             @Parameters(index = "1", paramLabel = "FILE") Path file) {
        JsonNode proposed = parse(read(file), file.toString());
        return withDocuments(documents -> {
            JsonNode current = documents.current(name).map(v -> parse(v.value(), name)).orElse(JSON.createObjectNode());
            List<String> lines = JsonDiff.between(current, proposed);
            lines.forEach(out()::println);
            return lines.isEmpty() ? 0 : EXIT_INVALID_OR_DIFFERENT;
        });
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"List earlier versions, newest first. They come from etcd's revisions, so versions older",
                    "than etcd's last compaction (--auto-compaction-retention) are gone; the list says so."})
    int history(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
                int limit) {
        return withDocuments(documents -> {
            VersionedDocuments.History history = documents.history(name, limit);
            if (history.versions().isEmpty()) {
                return notFound(name);
            }
            for (Version version : history.versions()) {
                out().println("version " + version.version() + "  " + compact(version.value()));
            }
            if (history.compacted()) {
                out().println("(older versions were compacted away by etcd)");
            }
            return 0;
        });
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Restore an earlier version as a new version, unless someone changed the document meanwhile.")
    int rollback(@Parameters(index = "0", paramLabel = "NAME") String name,
                 @Parameters(index = "1", paramLabel = "VERSION") long version,
                 @Option(names = "--if-version", paramLabel = "V",
                         description = "Write only if the document is still at version V (default: the version read now).")
                 Long ifVersion) {
        return withDocuments(documents -> {
            Optional<Version> old = documents.at(name, version).filter(v -> v.version() == version);
            if (old.isEmpty()) {
                err().println(noun() + " " + name + " has no version " + version
                        + " (see its history; compacted versions are gone)");
                return EXIT_NOT_FOUND;
            }
            if (!validated(name, old.get().value())) {
                return EXIT_INVALID_OR_DIFFERENT;
            }
            long expected = ifVersion != null ? ifVersion : documents.current(name).map(Version::version).orElse(0L);
            warnings(name, old.get().value(), documents).forEach(warning -> err().println("streamrec: warning: " + warning));
            return write(documents, name, old.get().value(), expected);
        });
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Print the document, then each new version as it is written, until Ctrl-C.",
                    "Exit code 1 if etcd ends the watch."})
    int watch(@Parameters(paramLabel = "NAME") String name) {
        ToolConfig tool = config.load(ToolConfig.class);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        try (Client client = EtcdClients.connect(tool.etcd());
             Watch.Watcher ignored = new VersionedDocuments(client, prefix()).watch(name,
                     current -> current.ifPresentOrElse(this::print, () -> err().println("no " + noun() + " named "
                             + name + " yet: waiting for one")),
                     change -> change.ifPresentOrElse(this::print, () -> out().println("deleted")),
                     ended::complete)) {
            Throwable error = ended.get();
            throw new StartupException("etcd ended the watch: " + error.getMessage(), error);
        } catch (InterruptedException e) {
            // Ctrl-C or the caller stopping the watch: the normal end
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new StartupException("the watch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private int write(VersionedDocuments documents, String name, String json, long expectedVersion) {
        try {
            long version = documents.put(name, json, expectedVersion);
            out().println(noun() + " " + name + " is now version " + version);
            return 0;
        } catch (VersionedDocuments.ConcurrentEditException e) {
            err().println("streamrec: " + e.getMessage());
            return EXIT_CONCURRENT_EDIT;
        }
    }

    private interface DocumentsAction {
        int run(VersionedDocuments documents);
    }

    private int withDocuments(DocumentsAction action) {
        ToolConfig tool = config.load(ToolConfig.class);
        try (Client client = EtcdClients.connect(tool.etcd())) {
            return action.run(new VersionedDocuments(client, prefix()));
        }
    }

    private boolean validated(String name, String json) {
        try {
            validate(name, json);
            err().println(noun() + " " + name + " is valid");
            return true;
        } catch (IllegalArgumentException e) {
            err().println("streamrec: " + e.getMessage());
            return false;
        }
    }

    private int notFound(String name) {
        err().println("streamrec: no " + noun() + " named " + name + " under " + prefix());
        return EXIT_NOT_FOUND;
    }

    private void print(Version version) {
        out().println("version " + version.version());
        out().println(pretty(version.value()));
        out().flush();
    }

    /** The file name without extension: what a file validated alone is called. */
    private static String nameOf(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new StartupException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    private static String compact(String json) {
        return json.length() <= 100 ? json.replaceAll("\\s+", " ") : json.replaceAll("\\s+", " ").substring(0, 97) + "...";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
