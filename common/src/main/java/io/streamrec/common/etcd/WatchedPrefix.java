package io.streamrec.common.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;

/**
 * A typed, validated, live view of every key under an etcd prefix.
 *
 * <p>It loads the prefix, then watches it from the revision after the load, so no change is missed. A value the
 * parser rejects is logged and the key keeps its last good value. When the watch breaks (etcd restarted, the
 * connection dropped) it resumes from the revision after the last one applied; when that revision has been
 * compacted away, the whole prefix is reloaded. While etcd is unreachable the view stays as it was (empty before
 * the first load) and loading is retried with backoff.
 *
 * <p>All state changes happen on one thread, so listeners see snapshots in order.
 */
public final class WatchedPrefix<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchedPrefix.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** Turns a key's raw value into T, or throws to reject it. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, String value) throws Exception;
    }

    public record Entry<T>(T value, long modRevision) {
    }

    /** Entries by key with the prefix removed, as of an etcd revision (0 before the first load). */
    public record Snapshot<T>(Map<String, Entry<T>> entries, long revision) {
    }

    private final Client client;
    private final String prefix;
    private final Parser<T> parser;
    private final ScheduledThreadPoolExecutor worker;
    private final List<Consumer<Snapshot<T>>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile Snapshot<T> snapshot = new Snapshot<>(Map.of(), 0);
    private volatile boolean closed;
    private Watch.Watcher watcher;
    private long backoffMs = MIN_BACKOFF_MS;

    private WatchedPrefix(Client client, String prefix, Parser<T> parser) {
        this.client = client;
        this.prefix = prefix;
        this.parser = parser;
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "etcd-watch " + prefix);
            thread.setDaemon(true);
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts loading and watching in the background; see {@link #awaitLoaded(Duration)}. */
    public static <T> WatchedPrefix<T> open(Client client, String prefix, Parser<T> parser) {
        WatchedPrefix<T> view = new WatchedPrefix<>(client, prefix, parser);
        view.submit(view::load);
        return view;
    }

    /** True once the prefix has been read from etcd at least once. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot<T> snapshot() {
        return snapshot;
    }

    /** Called with every new snapshot, on the watch thread; it must not block. */
    public void subscribe(Consumer<Snapshot<T>> listener) {
        listeners.add(listener);
    }

    private void load() {
        stopWatching();
        try {
            GetResponse response = client.getKVClient()
                    .get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Entry<T>> entries = new HashMap<>();
            for (KeyValue kv : response.getKvs()) {
                applyPut(entries, kv);
            }
            long revision = response.getHeader().getRevision();
            publish(new Snapshot<>(Map.copyOf(entries), revision));
            loaded.countDown();
            watchFrom(revision + 1);
        } catch (InterruptedException e) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.atWarn().addKeyValue("prefix", prefix).addKeyValue("retryInMs", backoffMs)
                    .log("cannot load from etcd: {}", cause.toString());
            retryLater(this::load);
        }
    }

    private void watchFrom(long revision) {
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision).build();
        watcher = client.getWatchClient().watch(bytes(prefix), option, Watch.listener(
                response -> submit(() -> apply(response)),
                error -> submit(() -> onWatchError(error))));
    }

    private void apply(WatchResponse response) {
        backoffMs = MIN_BACKOFF_MS;
        long applied = snapshot.revision();
        Map<String, Entry<T>> entries = new HashMap<>(snapshot.entries());
        for (WatchEvent event : response.getEvents()) {
            // a watcher replaced by a reload may still deliver events the reload already contains
            if (event.getKeyValue().getModRevision() <= applied) {
                continue;
            }
            if (event.getEventType() == WatchEvent.EventType.DELETE) {
                entries.remove(relativeKey(event.getKeyValue()));
            } else if (event.getEventType() == WatchEvent.EventType.PUT) {
                applyPut(entries, event.getKeyValue());
            }
        }
        publish(new Snapshot<>(Map.copyOf(entries), Math.max(applied, response.getHeader().getRevision())));
    }

    private void onWatchError(Throwable error) {
        stopWatching();
        if (error instanceof CompactedException compacted) {
            log.atInfo().addKeyValue("prefix", prefix).addKeyValue("compactedRevision", compacted.getCompactedRevision())
                    .log("watch revision was compacted; reloading");
            submit(this::load);
        } else {
            long resumeFrom = snapshot.revision() + 1;
            log.atWarn().addKeyValue("prefix", prefix).addKeyValue("resumeFromRevision", resumeFrom)
                    .addKeyValue("retryInMs", backoffMs).log("watch broke: {}", error.toString());
            retryLater(() -> watchFrom(resumeFrom));
        }
    }

    private void retryLater(Runnable task) {
        if (!closed) {
            worker.schedule(task, backoffMs, TimeUnit.MILLISECONDS);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    /** Runs on the worker unless closed; callbacks may still arrive from jetcd after close. */
    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                if (!closed) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // closed concurrently: nothing left to update
        }
    }

    private void applyPut(Map<String, Entry<T>> entries, KeyValue kv) {
        String key = relativeKey(kv);
        try {
            entries.put(key, new Entry<>(parser.parse(key, string(kv.getValue())), kv.getModRevision()));
        } catch (Exception e) {
            log.atWarn().addKeyValue("key", prefix + key).addKeyValue("modRevision", kv.getModRevision())
                    .log("rejected invalid value, keeping the last good one: {}", e.getMessage());
        }
    }

    private String relativeKey(KeyValue kv) {
        return string(kv.getKey()).substring(prefix.length());
    }

    private void publish(Snapshot<T> next) {
        snapshot = next;
        for (Consumer<Snapshot<T>> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("prefix", prefix).setCause(e).log("snapshot listener failed");
            }
        }
    }

    private void stopWatching() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        // interrupts a load blocked on an unreachable etcd, and drops pending retries
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        stopWatching();
    }
}
