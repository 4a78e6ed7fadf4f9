package io.streamrec.push;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One open feed socket of one user. At most one recommendations frame is in flight; while it is, a newer update
 * replaces any waiting one, because each update is the user's complete state. That keeps a slow client's memory at
 * one frame and guarantees the client never sees an older update after a newer one, even when the snapshot sent at
 * connect races a live update.
 *
 * <p>A client that does not take a frame within the send timeout is stuck: it is sent close code 4002 and dropped,
 * and the updates it still held count as dropped.
 */
final class FeedConnection {
    private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);
    private static final long NOTHING_SENT = -1;
    /** How long a stuck client gets to take its close frame before its TCP connection is cut. */
    private static final long CLOSE_GRACE_MS = 1000;

    private final String userId;
    private final WebSocketChannel channel;
    private final PushMetrics metrics;
    private final long sendTimeoutMs;
    private volatile long lastHeardNanos = System.nanoTime();

    // guarded by this
    private long newestAcceptedSeq = NOTHING_SENT;
    private FeedUpdate waiting;
    private boolean sending;
    private boolean givenUp;

    FeedConnection(String userId, WebSocketChannel channel, PushMetrics metrics, long sendTimeoutMs) {
        this.userId = userId;
        this.channel = channel;
        this.metrics = metrics;
        this.sendTimeoutMs = sendTimeoutMs;
    }

    String userId() {
        return userId;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Sends the update unless this socket already has it or a newer one. */
    void deliver(FeedUpdate update) {
        synchronized (this) {
            if (givenUp || !update.isNewerThan(newestAcceptedSeq)) {
                return;
            }
            newestAcceptedSeq = update.seq();
            if (sending) {
                if (waiting != null) {
                    metrics.coalesced();
                }
                waiting = update;
                return;
            }
            sending = true;
        }
        send(update);
    }

    /** Sent before the socket joins the hub, so it precedes every update. */
    void sendHello() {
        sendText(FeedMessages.hello(userId), () -> {
            // nothing follows from it: updates are sent on their own
        });
    }

    void ping() {
        WebSockets.sendPing(ByteBuffer.allocate(0), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ignored, Void context) {
                // the pong, or its absence, is what counts
            }

            @Override
            public void onError(WebSocketChannel ignored, Void context, Throwable error) {
                failed(error);
            }
        });
    }

    /** Called for every frame from the client: pongs, pings and messages all prove it is there. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    boolean silentFor(Duration limit) {
        return System.nanoTime() - lastHeardNanos > limit.toNanos();
    }

    /** Sends a close frame; {@code whenSent} runs once it is flushed or has failed. */
    void close(FeedCloseCode code, Runnable whenSent) {
        if (!channel.isOpen()) {
            whenSent.run();
            return;
        }
        WebSockets.sendClose(code.code(), code.reason(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ignored, Void context) {
                whenSent.run();
            }

            @Override
            public void onError(WebSocketChannel ignored, Void context, Throwable error) {
                IoUtils.safeClose(channel);
                whenSent.run();
            }
        });
    }

    /** Drops the TCP connection without a goodbye, for peers that no longer answer. */
    void abort() {
        IoUtils.safeClose(channel);
    }

    /**
     * Closes the socket with 4001 when its token expires, on the socket's own IO thread timer: a socket never
     * outlives the credential that opened it. The timer is cancelled when the socket closes earlier, so a closed
     * socket is not kept reachable until its token's expiry.
     */
    void closeWhenExpired(Instant tokenExpiry) {
        long delayMs = Math.max(0, tokenExpiry.toEpochMilli() - System.currentTimeMillis());
        XnioExecutor.Key timer = channel.getIoThread().executeAfter(() -> {
            if (channel.isOpen()) {
                metrics.disconnected(FeedCloseCode.TOKEN_EXPIRED);
                close(FeedCloseCode.TOKEN_EXPIRED, this::abort);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
        channel.addCloseTask(closed -> timer.remove());
    }

    private void send(FeedUpdate update) {
        long start = System.nanoTime();
        try {
            sendText(update.message(), () -> {
                metrics.sent(System.nanoTime() - start);
                sendWaiting();
            });
        } catch (RuntimeException e) {
            // the caller is the consumer thread or an IO thread; one broken socket must not stop either
            metrics.sendFailed();
            failed(e);
        }
    }

    /**
     * Hands the frame to the socket and runs {@code afterFlush} once it is written. A frame still unwritten after
     * the send timeout means the client stopped reading: its socket is dropped instead of holding the frame.
     */
    private void sendText(String text, Runnable afterFlush) {
        XnioExecutor.Key deadline = channel.getIoThread()
                .executeAfter(this::stalled, sendTimeoutMs, TimeUnit.MILLISECONDS);
        WebSockets.sendText(text, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ignored, Void context) {
                deadline.remove();
                afterFlush.run();
            }

            @Override
            public void onError(WebSocketChannel ignored, Void context, Throwable error) {
                deadline.remove();
                metrics.sendFailed();
                failed(error);
            }
        });
    }

    /**
     * The client stopped reading. The close frame queues behind the unwritten frame, so it reaches only a client
     * that wakes up within the grace period; after that the connection is cut either way.
     */
    private void stalled() {
        metrics.sendFailed();
        metrics.disconnected(FeedCloseCode.TOO_SLOW);
        giveUp();
        log.atDebug().addKeyValue("userId", userId).addKeyValue("sendTimeoutMs", sendTimeoutMs)
                .log("feed client stopped reading; closing its socket");
        close(FeedCloseCode.TOO_SLOW, () -> {
            // the frame may sit unwritten behind the stuck one: only the abort below is sure
        });
        channel.getIoThread().executeAfter(this::abort, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops accepting updates and counts the ones this socket will never deliver. */
    private void giveUp() {
        int undelivered;
        synchronized (this) {
            if (givenUp) {
                return;
            }
            givenUp = true;
            undelivered = (sending ? 1 : 0) + (waiting != null ? 1 : 0);
            waiting = null;
        }
        metrics.dropped(undelivered);
    }

    private void sendWaiting() {
        FeedUpdate next;
        synchronized (this) {
            next = waiting;
            waiting = null;
            sending = next != null;
        }
        if (next != null) {
            send(next);
        }
    }

    private void failed(Throwable error) {
        giveUp();
        log.atDebug().addKeyValue("userId", userId).addKeyValue("error", error.toString())
                .log("feed socket failed; closing it");
        IoUtils.safeClose(channel);
    }
}
