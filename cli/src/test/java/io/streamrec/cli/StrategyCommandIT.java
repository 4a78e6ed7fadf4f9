package io.streamrec.cli;

import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.WithEtcd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@WithEtcd
class StrategyCommandIT {
    private static final String V1 = "{\"topN\": 5, \"pinned\": {\"default\": [\"item-1\"]}}";
    private static final String V2 = "{\"topN\": 7, \"pinned\": {\"default\": [\"item-2\"]}}";

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void configure(EtcdTestServer etcd) throws IOException {
        config = CommandRun.configFile(dir, etcd.config());
    }

    @Test
    void putGetHistoryAndRollback() throws IOException {
        long v1 = version(run("strategy", "put", "promo", file("v1.json", V1)));
        long v2 = version(run("strategy", "put", "promo", file("v2.json", V2)));

        CommandRun get = run("strategy", "get", "promo");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).contains("\"topN\" : 7");
        assertThat(get.err()).contains("version " + v2);

        CommandRun history = run("strategy", "history", "promo");
        assertThat(history.out()).containsSubsequence("version " + v2, "version " + v1);

        long v3 = version(run("strategy", "rollback", "promo", Long.toString(v1)));
        assertThat(v3).isGreaterThan(v2);
        assertThat(run("strategy", "get", "promo").out()).contains("\"topN\" : 5").contains("item-1");
    }

    @Test
    void anInvalidStrategyIsRefusedAndTheStoredOneIsKept() throws IOException {
        long v1 = version(run("strategy", "put", "strict", file("ok.json", V1)));

        CommandRun bad = run("strategy", "put", "strict", file("bad.json", "{\"topN\": 0, \"filterSeen\": \"yes\"}"));

        assertThat(bad.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_INVALID_OR_DIFFERENT);
        assertThat(bad.err()).contains("topN").contains("filterSeen");
        assertThat(run("strategy", "get", "strict").err()).contains("version " + v1);
        assertThat(run("strategy", "validate", file("fine.json", V2)).exitCode()).isZero();
    }

    @Test
    void aConcurrentEditFailsClearly() throws IOException {
        long v1 = version(run("strategy", "put", "shared", file("a.json", V1)));
        version(run("strategy", "put", "shared", file("b.json", V2)));

        CommandRun stale = run("strategy", "put", "shared", file("c.json", V1), "--if-version", Long.toString(v1));

        assertThat(stale.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_CONCURRENT_EDIT);
        assertThat(stale.err()).contains("changed since version " + v1);
        assertThat(run("strategy", "get", "shared").out()).contains("\"topN\" : 7");

        CommandRun staleRollback = run("strategy", "rollback", "shared", Long.toString(v1), "--if-version", Long.toString(v1));
        assertThat(staleRollback.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_CONCURRENT_EDIT);
        assertThat(run("strategy", "get", "shared").out()).contains("\"topN\" : 7");
    }

    @Test
    void historyAndRollbackSayWhenEtcdHasCompactedOldVersions(EtcdTestServer etcd) throws Exception {
        long v1 = version(run("strategy", "put", "compacted", file("c1.json", V1)));
        long v2 = version(run("strategy", "put", "compacted", file("c2.json", V2)));
        etcd.client().getKVClient().compact(v2).get(10, TimeUnit.SECONDS);

        CommandRun history = run("strategy", "history", "compacted");
        CommandRun rollback = run("strategy", "rollback", "compacted", Long.toString(v1));

        assertThat(history.exitCode()).isZero();
        assertThat(history.out()).contains("version " + v2).doesNotContain("version " + v1)
                .contains("(older versions were compacted away by etcd)");
        assertThat(rollback.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_NOT_FOUND);
        assertThat(rollback.err()).contains("has no version " + v1).contains("compacted versions are gone");
    }

    @Test
    void watchPrintsTheCurrentVersionThenEachNewOneUntilStopped() throws Exception {
        long v1 = version(run("strategy", "put", "watched", file("w1.json", V1)));
        StringWriter out = new StringWriter();
        CommandLine watch = Streamrec.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread watcher = new Thread(() -> exitCode.set(
                watch.execute("strategy", "watch", "watched", "--config", config.toString())));
        watcher.start();
        try {
            Poll.untilTrue(Duration.ofSeconds(10), () -> out.toString().contains("version " + v1), "the current version");
            long v2 = version(run("strategy", "put", "watched", file("w2.json", V2)));

            Poll.untilTrue(Duration.ofSeconds(10), () -> out.toString().contains("\"topN\" : 7"), "the new version");
            assertThat(out.toString()).containsSubsequence("version " + v1, "\"topN\" : 5", "version " + v2, "\"topN\" : 7");
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertThat(watcher.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
    }

    @Test
    void diffShowsFieldLevelChanges() throws IOException {
        version(run("strategy", "put", "diffed", file("a.json", V1)));

        CommandRun diff = run("strategy", "diff", "diffed", file("b.json", V2));

        assertThat(diff.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_INVALID_OR_DIFFERENT);
        assertThat(diff.out()).contains("- topN: 5").contains("+ topN: 7");
        assertThat(run("strategy", "get", "missing").exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_NOT_FOUND);
    }

    @Test
    void experimentsUseTheSameCommandsWithTheirOwnValidation() throws IOException {
        String experiment = file("ab.json",
                "{\"salt\": \"s1\", \"groups\": [{\"name\": \"a\", \"percent\": 50, \"strategy\": \"checkout-b\"}]}");
        CommandRun missingStrategy = run("experiments", "put", "checkout", experiment);
        assertThat(missingStrategy.err()).contains("warning: strategy checkout-b does not exist under /streamrec/strategies/");
        version(run("strategy", "put", "checkout-b", file("checkout-b.json", V1)));
        CommandRun existingStrategy = run("experiments", "put", "checkout", experiment);
        assertThat(existingStrategy.err()).doesNotContain("warning");
        long version = version(existingStrategy);
        assertThat(version).isGreaterThan(version(missingStrategy));

        CommandRun bad = run("experiments", "put", "checkout", file("bad-ab.json", "{\"groups\": []}"));

        assertThat(bad.exitCode()).isEqualTo(VersionedDocumentCommand.EXIT_INVALID_OR_DIFFERENT);
        assertThat(bad.err()).contains("salt");
        assertThat(run("experiments", "get", "checkout").err()).contains("version " + version);
    }

    private CommandRun run(String... args) {
        return CommandRun.run(config, args);
    }

    private String file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    private static long version(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = run.out().lines().filter(l -> l.contains("is now version")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }
}
