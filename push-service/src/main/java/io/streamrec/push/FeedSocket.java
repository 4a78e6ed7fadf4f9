package io.streamrec.push;

import io.streamrec.push.TokenVerification.Valid;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

import java.util.Optional;

/**
 * Opens a feed on an upgraded, authenticated socket: hello, then the user's latest snapshot at once (unless the
 * client resumes with exactly that {@code seq}), then every update. Runs on the IO thread and only starts
 * asynchronous sends.
 */
final class FeedSocket implements WebSocketConnectionCallback {
    private final FeedHub hub;
    private final LatestSnapshots snapshots;
    private final PushMetrics metrics;
    private final long sendTimeoutMs;

    FeedSocket(FeedHub hub, LatestSnapshots snapshots, PushMetrics metrics, long sendTimeoutMs) {
        this.hub = hub;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.sendTimeoutMs = sendTimeoutMs;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        // FeedAuthHandler ran before the upgrade: a socket without a verified user cannot get here
        Valid identity = exchange.getAttachment(FeedAuthHandler.IDENTITY);
        Long since = exchange.getAttachment(FeedResumeHandler.SINCE);
        FeedConnection connection = new FeedConnection(identity.userId(), channel, metrics, sendTimeoutMs);
        channel.getReceiveSetter().set(new FeedReceiveListener(connection));
        channel.resumeReceives();
        channel.addCloseTask(closed -> hub.leave(connection));
        connection.sendHello();
        Optional<FeedCloseCode> refused = hub.join(connection);
        if (refused.isPresent()) {
            metrics.disconnected(refused.get());
            connection.close(refused.get(), connection::abort);
            return;
        }
        if (!connection.isOpen()) {
            // closed before it joined, so its close task found nothing to remove
            hub.leave(connection);
            return;
        }
        connection.closeWhenExpired(identity.expiresAt());
        // joined first: an update consumed meanwhile reaches the socket either way, and deliver drops the older one
        snapshots.latest(identity.userId())
                .filter(snapshot -> missed(snapshot, since))
                .ifPresent(connection::deliver);
    }

    /**
     * A resuming client already shows the snapshot whose seq it names. Any other seq means it missed something,
     * including a larger one: offsets only grow, so that seq comes from an earlier incarnation of the topic.
     */
    private static boolean missed(FeedUpdate snapshot, Long since) {
        return since == null || snapshot.seq() != since;
    }
}
