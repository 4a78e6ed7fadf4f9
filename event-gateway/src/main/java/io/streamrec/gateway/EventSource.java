package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;

import java.util.List;

/** Where a route finds its events: the request body, or the query string of an image beacon. */
@FunctionalInterface
interface EventSource {

    /** The request's events in order, not yet validated; a request that cannot carry events at all is refused. */
    List<JsonNode> events(HttpServerExchange exchange) throws RejectedRequestException;

    /** The body read by {@link BodyHandler}, in the format {@link ContentTypeHandler} recognized. */
    static EventSource body(EventParser parser) {
        return exchange -> parser.parse(exchange.getAttachment(BodyHandler.BODY),
                exchange.getAttachment(ContentTypeHandler.FORMAT));
    }
}
