package io.streamrec.push;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * Opens a feed on an upgraded, authenticated socket: hello, then the user's latest snapshot at once, then every
 * update. Runs on the IO thread and only starts asynchronous sends.
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
        String userId = exchange.getAttachment(FeedAuthHandler.USER_ID);
        FeedConnection connection = new FeedConnection(userId, channel, metrics, sendTimeoutMs);
        channel.getReceiveSetter().set(new FeedReceiveListener(connection));
        channel.resumeReceives();
        channel.addCloseTask(closed -> hub.leave(connection));
        connection.sendHello();
        if (!hub.join(connection)) {
            connection.close(FeedCloseCode.SHUTTING_DOWN, connection::abort);
            return;
        }
        if (!connection.isOpen()) {
            // closed before it joined, so its close task found nothing to remove
            hub.leave(connection);
            return;
        }
        // joined first: an update consumed meanwhile reaches the socket either way, and deliver drops the older one
        snapshots.latest(userId).ifPresent(connection::deliver);
    }
}
