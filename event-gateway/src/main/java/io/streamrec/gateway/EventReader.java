package io.streamrec.gateway;

import io.undertow.server.HttpServerExchange;

import java.time.Instant;

/** Reads a request's events and judges each one. */
@FunctionalInterface
interface EventReader {

    /**
     * @param receivedAt when the gateway received the request: stamped on each event, and the reference for the
     *                   event-time bounds
     * @throws RejectedRequestException when the request cannot carry events at all (not JSON, too many events...)
     */
    JudgedEvents read(HttpServerExchange exchange, Instant receivedAt) throws RejectedRequestException;
}
