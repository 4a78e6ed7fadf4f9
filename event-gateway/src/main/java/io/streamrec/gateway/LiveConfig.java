package io.streamrec.gateway;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.WatchedPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The gateway's live settings: the {@code streamrec.gateway.*} values, overridden by the keys under
 * {@value #ETCD_PREFIX} as they change. An invalid etcd value is refused and the key keeps its last good value; a
 * deleted key falls back to the configured value. While etcd is unreachable the last known settings stay in force.
 */
final class LiveConfig implements Supplier<LiveSettings>, AutoCloseable {
    static final String ETCD_PREFIX = "/streamrec/config/gateway/";
    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

    private final LiveSettings defaults;
    private final AtomicReference<LiveSettings> current;
    private WatchedPrefix<Object> watched;
    private long appliedRevision;

    LiveConfig(LiveSettings defaults) {
        this.defaults = defaults;
        this.current = new AtomicReference<>(defaults);
    }

    /**
     * Follows etcd from now on, waiting up to {@code startWait} for the first load so that the gateway starts with
     * etcd's settings when it can; when etcd does not answer in time the defaults stay until it does.
     */
    void follow(Client client, Duration startWait) throws InterruptedException {
        watched = WatchedPrefix.open(client, ETCD_PREFIX, LiveSettingKey::parse);
        watched.subscribe(this::apply);
        // the first load may have been published before the subscription
        apply(watched.snapshot());
        if (!watched.awaitLoaded(startWait)) {
            log.atWarn().addKeyValue("prefix", ETCD_PREFIX).addKeyValue("waitedMs", startWait.toMillis())
                    .log("etcd did not answer; running with the configured settings until it does");
        }
    }

    /** Synchronized, with a revision check: the catch-up call above may race the watch thread. */
    private synchronized void apply(WatchedPrefix.Snapshot<Object> snapshot) {
        if (snapshot.revision() == 0 || snapshot.revision() < appliedRevision) {
            return;
        }
        appliedRevision = snapshot.revision();
        LiveSettings next = LiveSettingKey.overlay(defaults, snapshot.entries());
        if (!next.equals(current.getAndSet(next))) {
            log.atInfo().addKeyValue("revision", snapshot.revision())
                    .addKeyValue("allowedOrigins", next.allowedOrigins())
                    .addKeyValue("rateLimit", next.rateLimit()).addKeyValue("acceptedTypes", next.acceptedTypes())
                    .addKeyValue("maintenance", next.maintenance()).log("live settings changed");
        }
    }

    @Override
    public LiveSettings get() {
        return current.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (watched != null) {
            watched.close();
        }
    }
}
