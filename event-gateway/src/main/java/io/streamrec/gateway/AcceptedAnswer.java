package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.nio.ByteBuffer;
import java.util.List;

/** How a route answers once Kafka acknowledged every valid event of the request. */
@FunctionalInterface
interface AcceptedAnswer {

    void send(HttpServerExchange exchange, int accepted, List<Rejection> rejected);

    /** {@code POST /v1/events}: 202 with the count and the per-event rejections. */
    AcceptedAnswer EVENTS = (exchange, accepted, rejected) ->
            Json.send(exchange, StatusCodes.ACCEPTED, EventsResponses.accepted(accepted, rejected));

    /** {@code POST /v1/beacon}: 204, since {@code sendBeacon} never reads an answer. */
    AcceptedAnswer BEACON = (exchange, accepted, rejected) -> {
        exchange.setStatusCode(StatusCodes.NO_CONTENT);
        exchange.endExchange();
    };

    /** {@code GET /v1/pixel.gif}: a transparent 1x1 GIF, never cached (each load is an event). */
    AcceptedAnswer PIXEL = (exchange, accepted, rejected) -> {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/gif")
                .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(Pixel.GIF));
    };

    /** The smallest transparent GIF. */
    final class Pixel {
        static final byte[] GIF = {
                'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 0x21, (byte) 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0,
                0x3b};

        private Pixel() {
        }
    }
}
