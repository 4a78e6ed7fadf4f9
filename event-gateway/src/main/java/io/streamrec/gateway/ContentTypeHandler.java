package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Accepts the given body formats of {@link BodyFormat} in UTF-8 (a {@code charset} parameter, if any, must say so) and
 * records the format on the exchange as {@link #FORMAT}; anything else gets 415.
 */
final class ContentTypeHandler implements HttpHandler {
    static final AttachmentKey<BodyFormat> FORMAT = AttachmentKey.create(BodyFormat.class);

    private final Set<BodyFormat> accepted;
    private final String acceptedText;
    private final HttpHandler next;

    ContentTypeHandler(Set<BodyFormat> accepted, HttpHandler next) {
        this.accepted = EnumSet.copyOf(accepted);
        this.acceptedText = BodyFormat.describe(this.accepted);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            unsupported(exchange, "Content-Type is missing; send " + acceptedText);
            return;
        }
        String[] parts = contentType.split(";");
        Optional<BodyFormat> format = BodyFormat.forMediaType(parts[0], accepted);
        if (format.isEmpty()) {
            unsupported(exchange, "Content-Type " + parts[0].trim() + " is not supported; send " + acceptedText);
            return;
        }
        Optional<String> charset = charset(parts);
        if (charset.isPresent() && !charset.get().equals("utf-8")) {
            unsupported(exchange, "charset " + charset.get() + " is not supported; send UTF-8");
            return;
        }
        exchange.putAttachment(FORMAT, format.get());
        next.handleRequest(exchange);
    }

    private static Optional<String> charset(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
                return Optional.of(parameter[1].trim().replace("\"", "").toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static void unsupported(HttpServerExchange exchange, String message) {
        Json.error(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, message);
    }
}
