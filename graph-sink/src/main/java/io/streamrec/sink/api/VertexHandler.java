package io.streamrec.sink.api;

import io.streamrec.common.http.Json;
import io.streamrec.sink.store.GraphStore;
import io.streamrec.sink.store.VertexKind;
import io.streamrec.sink.store.VertexView;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/graph/users/{id}} and {@code GET /v1/graph/items/{id}}: what the graph knows about one user or item,
 * its activity span and its attributes with the event time each value was seen at. Unlike the lists, a vertex that
 * does not exist is a 404: there is nothing to describe.
 */
final class VertexHandler implements HttpHandler {
    private final GraphStore store;
    private final VertexKind kind;

    VertexHandler(GraphStore store, VertexKind kind) {
        this.store = store;
        this.kind = kind;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String id = RequestParams.id(exchange);
        String noun = kind.name().toLowerCase(Locale.ROOT);
        store.vertex(kind, id).ifPresentOrElse(vertex -> ApiJson.ok(exchange, body(noun + "Id", vertex)),
                () -> Json.error(exchange, StatusCodes.NOT_FOUND, "the graph has no " + noun + " '" + id + "'"));
    }

    /** {@code {"userId":..,"firstSeen":..,"lastSeen":..,"attributes":{"name":{"value":..,"time":..}}}}. */
    private static Map<String, Object> body(String idField, VertexView vertex) {
        Map<String, Object> attributes = new TreeMap<>();
        vertex.attributes().forEach((name, attribute) ->
                attributes.put(name, new Attribute(attribute.value(), attribute.time().toString())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(idField, vertex.id());
        body.put("firstSeen", text(vertex.firstSeen()));
        body.put("lastSeen", text(vertex.lastSeen()));
        body.put("attributes", attributes);
        return body;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    record Attribute(String value, String time) {
    }
}
