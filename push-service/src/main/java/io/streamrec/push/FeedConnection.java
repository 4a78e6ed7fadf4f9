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
import java.util.concurrent.TimeUnit;

/**
 * One open feed socket of one user. At most one recommendations frame is in flight; while it is, a newer update
 * replaces any waiting one, because each update is the user's complete state. That keeps a slow client's memory at
 * one frame and guarantees the client never sees an older update after a newer one, even when the snapshot sent at
 * connect races a live update.
 */
final class FeedConnection {
    private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);
    private static final long NOTHING_SENT = -1;

    private final String userId;
    private final WebSocketChannel channel;
    private final PushMetrics metrics;
    private final long sendTimeoutMs;
    private volatile long lastHeardNanos = System.nanoTime();

    // guarded by this
    private long newestAcceptedSeq = NOTHING_SENT;
    private FeedUpdate waiting;
    private boolean sending;

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
            if (!update.isNewerThan(newestAcceptedSeq)) {
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

    private void stalled() {
        metrics.sendFailed();
        log.atDebug().addKeyValue("userId", userId).addKeyValue("sendTimeoutMs", sendTimeoutMs)
                .log("feed client stopped reading; dropping its socket");
        abort();
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
        log.atDebug().addKeyValue("userId", userId).addKeyValue("error", error.toString())
                .log("feed socket failed; closing it");
        IoUtils.safeClose(channel);
    }
}
