package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the whole request body, up to a limit, without blocking the IO thread, then runs {@code next} with the body
 * attached as {@link #BODY}: on the IO thread when {@link IoThreadAdmission} admits the body (small, and the producer
 * cannot block), otherwise on a worker thread. A body over the limit gets 413: at once when its Content-Length
 * says so, as soon as the limit is passed when it is chunked. The connection is then closed rather than drained, so
 * an oversized upload costs the server no more than the limit.
 */
final class BodyHandler implements HttpHandler {
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
    /** The first buffer of a chunked body, which declares no length; it doubles as the body grows. */
    private static final int CHUNKED_INITIAL_BYTES = 8192;

    private final int maxBodyBytes;
    private final IoThreadAdmission ioThreadAdmission;
    private final HttpHandler next;

    BodyHandler(int maxBodyBytes, IoThreadAdmission ioThreadAdmission, HttpHandler next) {
        this.maxBodyBytes = maxBodyBytes;
        this.ioThreadAdmission = ioThreadAdmission;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        receiver.receivePartialBytes(new BodyCollector(receiver, declaredLength), this::unreadable);
    }

    private void unreadable(HttpServerExchange exchange, IOException error) {
        Json.error(exchange, StatusCodes.BAD_REQUEST, "cannot read the request body: " + error.getMessage());
    }

    private void tooLarge(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        Json.error(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request body is larger than the limit of "
                + maxBodyBytes + " bytes; send fewer events per request");
    }

    /**
     * Gathers the body's chunks into one array, sized by Content-Length when there is one. Not
     * {@code Receiver.receiveFullBytes}: it copies the body into a {@code ByteArrayOutputStream} one synchronized
     * call per byte, a fifth of a batched request's CPU samples in the profile. Not {@code setMaxEntitySize} for the
     * limit either: passing it drops the connection without an answer, where this answers 413.
     */
    private final class BodyCollector implements Receiver.PartialBytesCallback {
        private final Receiver receiver;
        private byte[] body;
        private int size;

        BodyCollector(Receiver receiver, long declaredLength) {
            this.receiver = receiver;
            this.body = new byte[declaredLength >= 0 ? (int) declaredLength
                    : Math.min(CHUNKED_INITIAL_BYTES, maxBodyBytes)];
        }

        @Override
        public void handle(HttpServerExchange exchange, byte[] chunk, boolean last) {
            if (chunk.length > maxBodyBytes - size) {
                // a chunked body has no declared length: refused as soon as it passes the limit
                receiver.pause();
                tooLarge(exchange);
                return;
            }
            if (size + chunk.length > body.length) {
                body = Arrays.copyOf(body, Math.min(maxBodyBytes, Math.max(body.length * 2, size + chunk.length)));
            }
            System.arraycopy(chunk, 0, body, size, chunk.length);
            size += chunk.length;
            if (last) {
                done(exchange, size == body.length ? body : Arrays.copyOf(body, size));
            }
        }

        private void done(HttpServerExchange exchange, byte[] complete) {
            exchange.putAttachment(BODY, complete);
            if (ioThreadAdmission.admits(complete.length)) {
                exchange.dispatch(SameThreadExecutor.INSTANCE, next);
            } else {
                // a large body takes a while to parse, and a full producer buffer blocks the send
                exchange.dispatch(next);
            }
        }
    }
}
