package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request body that is not JSON with 415. Accepts the registry's media types and plain JSON; a body without
 * a content type is read as JSON, as curl users expect.
 */
final class JsonContentTypeHandler implements HttpHandler {
    private static final Set<String> ACCEPTED = Set.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json", "application/json");

    private final HttpHandler next;

    JsonContentTypeHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean hasBody = exchange.getRequestMethod().equals(Methods.POST) || exchange.getRequestMethod().equals(Methods.PUT);
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (hasBody && contentType != null && !ACCEPTED.contains(mediaType(contentType))) {
            throw new RegistryException(415, 415, "Unsupported content type '" + contentType + "'; send "
                    + RegistryExchange.CONTENT_TYPE + " or application/json.");
        }
        next.handleRequest(exchange);
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
