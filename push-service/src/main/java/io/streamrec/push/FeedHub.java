package io.streamrec.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open feed sockets, by user. An update goes only to the sockets of the user it belongs to: the routing key is
 * the user id the socket's token proved.
 */
final class FeedHub {
    private final Map<String, Set<FeedConnection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final int maxConnections;
    // guarded by this, with the joins it must not race
    private boolean closing;

    FeedHub(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Adds the socket, or says why not: the hub is closing, or it holds its maximum of sockets (exact here, where
     * the check before the upgrade can be passed by several racing upgrades at once).
     */
    synchronized Optional<FeedCloseCode> join(FeedConnection connection) {
        if (closing) {
            return Optional.of(FeedCloseCode.SHUTTING_DOWN);
        }
        if (connections.get() >= maxConnections) {
            return Optional.of(FeedCloseCode.SERVER_FULL);
        }
        // inside compute, so that a concurrent leave cannot drop the set this socket is added to
        byUser.compute(connection.userId(), (user, sockets) -> {
            Set<FeedConnection> joined = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            joined.add(connection);
            return joined;
        });
        connections.incrementAndGet();
        return Optional.empty();
    }

    void leave(FeedConnection connection) {
        byUser.computeIfPresent(connection.userId(), (user, sockets) -> {
            if (sockets.remove(connection)) {
                connections.decrementAndGet();
            }
            return sockets.isEmpty() ? null : sockets;
        });
    }

    void publish(FeedUpdate update) {
        Set<FeedConnection> sockets = byUser.get(update.userId());
        if (sockets != null) {
            sockets.forEach(socket -> socket.deliver(update));
        }
    }

    int connections() {
        return connections.get();
    }

    List<FeedConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /**
     * Refuses new sockets and sends every open one a close frame, waiting up to {@code timeout} for them to be
     * flushed, so that clients learn the server is going rather than seeing a dropped connection.
     *
     * @return whether every close frame was flushed in time
     */
    boolean closeAll(FeedCloseCode code, Duration timeout) throws InterruptedException {
        synchronized (this) {
            closing = true;
        }
        List<FeedConnection> open = all();
        CountDownLatch sent = new CountDownLatch(open.size());
        open.forEach(connection -> connection.close(code, sent::countDown));
        return sent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
