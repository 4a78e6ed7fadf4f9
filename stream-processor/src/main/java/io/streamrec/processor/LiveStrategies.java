package io.streamrec.processor;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.WatchedPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The strategy named in the processor's config, live from etcd: every key under {@link Strategy#ETCD_PREFIX} is
 * watched, and {@link #get()} answers from memory with one volatile read, so the topology never calls etcd while it
 * processes a record. While the key is absent, invalid from its first version, or etcd has not answered yet, the
 * built-in default (version 0) is in force; an invalid edit of a valid strategy keeps its last good version.
 */
public final class LiveStrategies implements Supplier<ActiveStrategy>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStrategies.class);

    private final String name;
    private final WatchedPrefix<Strategy> strategies;
    private volatile ActiveStrategy current = ActiveStrategy.builtIn();

    private LiveStrategies(String name, WatchedPrefix<Strategy> strategies) {
        this.name = name;
        this.strategies = strategies;
    }

    /**
     * Starts watching and waits up to {@code loadTimeout} for the first load. Never fails because of etcd: when it
     * does not answer in time, the built-in default is used and the view switches as soon as etcd answers.
     */
    public static LiveStrategies open(Client etcd, String name, Duration loadTimeout) throws InterruptedException {
        LiveStrategies live = new LiveStrategies(name, WatchedPrefix.open(etcd, Strategy.ETCD_PREFIX, Strategy::parse));
        live.strategies.subscribe(snapshot -> live.refresh());
        boolean loaded = live.strategies.awaitLoaded(loadTimeout);
        // the first snapshot may have been published before the subscription
        live.refresh();
        if (!loaded) {
            log.atWarn().addKeyValue("strategy", name).addKeyValue("waitedMs", loadTimeout.toMillis())
                    .log("etcd did not answer; using the built-in default strategy until it does");
        } else if (live.get().isBuiltIn()) {
            live.warnBuiltIn();
        }
        return live;
    }

    /** The strategy in force now. */
    @Override
    public ActiveStrategy get() {
        return current;
    }

    /**
     * The etcd revision the view has caught up with (0 before the first load): an edit with a revision up to this one
     * has been applied, or rejected if invalid.
     */
    public long etcdRevision() {
        return strategies.snapshot().revision();
    }

    /** Reads the view's latest snapshot itself, so a late call can never replace a newer strategy with an older one. */
    private synchronized void refresh() {
        WatchedPrefix.Entry<Strategy> entry = strategies.snapshot().entries().get(name);
        ActiveStrategy next = entry == null ? ActiveStrategy.builtIn() : new ActiveStrategy(entry.value(), entry.modRevision());
        ActiveStrategy previous = current;
        current = next;
        if (next.equals(previous)) {
            return;
        }
        if (next.isBuiltIn()) {
            warnBuiltIn();
        } else {
            log.atInfo().addKeyValue("strategy", name).addKeyValue("version", next.version())
                    .log("strategy in force");
        }
    }

    private void warnBuiltIn() {
        log.atWarn().addKeyValue("key", Strategy.ETCD_PREFIX + name)
                .log("no valid strategy in etcd under this key; using the built-in default");
    }

    @Override
    public void close() {
        try {
            strategies.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
