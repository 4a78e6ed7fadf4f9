package io.streamrec.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Deque;
import java.util.Optional;

/** Reading requests and writing answers in the registry's JSON. Reading the body blocks: call it off the IO thread. */
final class RegistryExchange {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Larger than any sane schema, small enough that a wrong upload cannot exhaust memory. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryExchange() {
    }

    /**
     * A parameter of the matched path template, such as {@code {subject}}; Undertow has already URL-decoded it, except
     * an encoded slash, which it keeps encoded for safety (so subject names cannot contain '/').
     */
    static String pathParam(HttpServerExchange exchange, String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    static Optional<String> queryParam(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    static boolean flag(HttpServerExchange exchange, String name) {
        return queryParam(exchange, name).map(Boolean::parseBoolean).orElse(false);
    }

    /** The request body, which must be a JSON object. */
    static JsonNode readObject(HttpServerExchange exchange) throws IOException {
        exchange.setMaxEntitySize(MAX_BODY_BYTES);
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getInputStream());
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw RegistryException.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    /** A required string field of a request body. */
    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw RegistryException.badRequest("The request body needs a string field '" + field + "'.");
        }
        return value.asText();
    }

    static void send(HttpServerExchange exchange, int status, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(json);
    }

    static void ok(HttpServerExchange exchange, Object body) {
        send(exchange, 200, body);
    }
}
