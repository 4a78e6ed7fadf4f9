package io.streamrec.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings every socket at a fixed interval and drops the ones that stayed silent too long. The pings keep proxies
 * from closing quiet connections; the silence check frees sockets whose peer vanished without a FIN.
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final FeedHub hub;
    private final PushMetrics metrics;
    private final Duration interval;
    private final Duration idleTimeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "push-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    Heartbeat(FeedHub hub, PushMetrics metrics, Duration interval, Duration idleTimeout) {
        this.hub = hub;
        this.metrics = metrics;
        this.interval = interval;
        this.idleTimeout = idleTimeout;
    }

    void start() {
        timer.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        // an exception escaping a scheduled task cancels all its future runs
        try {
            for (FeedConnection connection : hub.all()) {
                if (connection.silentFor(idleTimeout)) {
                    log.atDebug().addKeyValue("userId", connection.userId()).log("closing a silent feed socket");
                    metrics.disconnected(FeedCloseCode.NO_PONG);
                    connection.close(FeedCloseCode.NO_PONG, connection::abort);
                } else {
                    connection.ping();
                }
            }
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("heartbeat failed; trying again next interval");
        }
    }

    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
