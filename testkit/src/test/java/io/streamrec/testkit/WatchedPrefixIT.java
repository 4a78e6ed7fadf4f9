package io.streamrec.testkit;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.CompactOption;
import io.streamrec.common.etcd.WatchedPrefix;
import io.streamrec.common.etcd.WatchedPrefix.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@link WatchedPrefix} (in common) against a real etcd. */
@WithEtcd
class WatchedPrefixIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final Client client;

    WatchedPrefixIT(EtcdTestServer etcd) {
        this.client = etcd.client();
    }

    @Test
    void initialLoadHasEveryValidKeyWithThePrefixRemoved() throws Exception {
        long revision = put("load/a", "1");
        put("load/b", "2");
        put("load/bad", "not-a-number");
        put("loader-outside/x", "3");

        try (WatchedPrefix<Integer> view = WatchedPrefix.open(client, "load/", (key, value) -> Integer.parseInt(value))) {
            assertThat(view.awaitLoaded(DEADLINE)).isTrue();

            Snapshot<Integer> snapshot = view.snapshot();
            assertThat(snapshot.entries()).containsOnlyKeys("a", "b");
            assertThat(snapshot.entries().get("a").value()).isEqualTo(1);
            assertThat(snapshot.entries().get("a").modRevision()).isEqualTo(revision);
            assertThat(snapshot.revision()).isGreaterThan(revision);
        }
    }

    @Test
    void subscribersSeeAPutThenADelete() throws Exception {
        try (WatchedPrefix<Integer> view = loadedView("live/")) {
            List<Snapshot<Integer>> seen = new CopyOnWriteArrayList<>();
            view.subscribe(seen::add);

            long putRevision = put("live/k", "7");
            Poll.until(DEADLINE, () -> lastOf(seen), s -> s != null && s.revision() >= putRevision);
            assertThat(lastOf(seen).entries().get("k").value()).isEqualTo(7);

            long deleteRevision = client.getKVClient().delete(bytes("live/k")).get(5, TimeUnit.SECONDS)
                    .getHeader().getRevision();
            Snapshot<Integer> afterDelete =
                    Poll.until(DEADLINE, () -> lastOf(seen), s -> s.revision() >= deleteRevision);
            assertThat(afterDelete.entries()).doesNotContainKey("k");
            assertThat(view.snapshot()).isEqualTo(afterDelete);
        }
    }

    @Test
    void anInvalidValueKeepsTheLastGoodOne() throws Exception {
        try (WatchedPrefix<Integer> view = loadedView("invalid/")) {
            long good = put("invalid/k", "1");
            awaitRevision(view, good);

            long bad = put("invalid/k", "oops");
            Snapshot<Integer> afterBad = awaitRevision(view, bad);
            assertThat(afterBad.entries().get("k").value()).isEqualTo(1);
            assertThat(afterBad.entries().get("k").modRevision()).isEqualTo(good);

            long fixed = put("invalid/k", "2");
            assertThat(awaitRevision(view, fixed).entries().get("k").value()).isEqualTo(2);
        }
    }

    /**
     * The parser runs on the watch thread between the initial read and the start of the watch. Writing and
     * compacting there makes the watch start from a revision etcd no longer has, deterministically.
     */
    @Test
    void reloadsWhenTheWatchRevisionWasCompacted() throws Exception {
        put("compact/k", "1");
        AtomicBoolean compacted = new AtomicBoolean();
        WatchedPrefix.Parser<Integer> compactingParser = (key, value) -> {
            if (compacted.compareAndSet(false, true)) {
                put("compact/k", "2");
                put("compact/k", "3");
                long last = put("compact/k", "4");
                client.getKVClient().compact(last, CompactOption.builder().withCompactPhysical(true).build())
                        .get(5, TimeUnit.SECONDS);
            }
            return Integer.parseInt(value);
        };

        try (WatchedPrefix<Integer> view = WatchedPrefix.open(client, "compact/", compactingParser)) {
            assertThat(view.awaitLoaded(DEADLINE)).isTrue();

            Snapshot<Integer> reloaded = Poll.until(DEADLINE, view::snapshot,
                    s -> s.entries().containsKey("k") && s.entries().get("k").value() == 4);

            assertThat(compacted).isTrue();
            assertThat(reloaded.entries()).containsOnlyKeys("k");
            long next = put("compact/k", "5");
            assertThat(awaitRevision(view, next).entries().get("k").value())
                    .as("the view watches again after the reload").isEqualTo(5);
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        WatchedPrefix<Integer> view = loadedView("close-twice/");
        view.close();

        assertThatCode(view::close).doesNotThrowAnyException();
    }

    private WatchedPrefix<Integer> loadedView(String prefix) throws InterruptedException {
        WatchedPrefix<Integer> view = WatchedPrefix.open(client, prefix, (key, value) -> Integer.parseInt(value));
        assertThat(view.awaitLoaded(DEADLINE)).isTrue();
        return view;
    }

    private static Snapshot<Integer> awaitRevision(WatchedPrefix<Integer> view, long revision) {
        return Poll.until(DEADLINE, view::snapshot, s -> s.revision() >= revision);
    }

    private long put(String key, String value) throws Exception {
        return client.getKVClient().put(bytes(key), bytes(value)).get(5, TimeUnit.SECONDS).getHeader().getRevision();
    }

    private static <T> T lastOf(List<T> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
