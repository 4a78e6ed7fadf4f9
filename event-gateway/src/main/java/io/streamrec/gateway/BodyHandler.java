package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;

import java.io.IOException;

/**
 * Reads the whole request body, up to a limit, without blocking the IO thread, then runs {@code next} with the body
 * attached as {@link #BODY}: on the IO thread when {@link IoThreadAdmission} admits the body (small, and the producer
 * cannot block), otherwise on a worker thread. A body over the limit gets 413: at once when its Content-Length
 * says so, as soon as the limit is passed when it is chunked. The connection is then closed rather than drained, so
 * an oversized upload costs the server no more than the limit.
 */
final class BodyHandler implements HttpHandler {
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

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
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        // Not exchange.setMaxEntitySize: passing it drops the connection without an answer. The receiver's own
        // limit fails the read (a chunked body has no declared length) and leaves the exchange able to answer 413.
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(maxBodyBytes);
        receiver.receiveFullBytes(
                (received, body) -> {
                    received.putAttachment(BODY, body);
                    if (ioThreadAdmission.admits(body.length)) {
                        received.dispatch(SameThreadExecutor.INSTANCE, next);
                    } else {
                        // a large body takes a while to parse, and a full producer buffer blocks the send
                        received.dispatch(next);
                    }
                },
                this::unreadable);
    }

    private void unreadable(HttpServerExchange exchange, IOException error) {
        if (error instanceof Receiver.RequestToLargeException) {
            tooLarge(exchange);
        } else {
            Json.error(exchange, StatusCodes.BAD_REQUEST, "cannot read the request body: " + error.getMessage());
        }
    }

    private void tooLarge(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        Json.error(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request body is larger than the limit of "
                + maxBodyBytes + " bytes; send fewer events per request");
    }
}
