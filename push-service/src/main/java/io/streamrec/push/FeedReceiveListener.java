package io.streamrec.push;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;

import java.io.IOException;

/**
 * Reads what a feed client sends. Every frame counts as a sign of life for the idle check; message contents are
 * ignored (resume travels in the upgrade's {@code since} parameter), and bounded so that a client cannot make the
 * server buffer much.
 */
final class FeedReceiveListener extends AbstractReceiveListener {
    private static final long MAX_CLIENT_MESSAGE_BYTES = 4096;

    private final FeedConnection connection;

    FeedReceiveListener(FeedConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void onPong(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        connection.heard();
        super.onPong(channel, frame);
    }

    @Override
    protected void onPing(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        connection.heard();
        super.onPing(channel, frame);
    }

    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        connection.heard();
        super.onText(channel, frame);
    }

    @Override
    protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        connection.heard();
        super.onBinary(channel, frame);
    }

    @Override
    protected long getMaxTextBufferSize() {
        return MAX_CLIENT_MESSAGE_BYTES;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return MAX_CLIENT_MESSAGE_BYTES;
    }
}
