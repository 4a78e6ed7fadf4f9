package io.streamrec.sink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.io.UncheckedIOException;

/** Writes the API's response records as JSON; times are ISO-8601 strings in UTC. */
final class ApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    static void ok(HttpServerExchange exchange, Object body) {
        try {
            Json.send(exchange, StatusCodes.OK, MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
