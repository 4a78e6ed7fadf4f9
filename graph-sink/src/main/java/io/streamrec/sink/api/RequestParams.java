package io.streamrec.sink.api;

import io.streamrec.schemas.InteractionType;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.URLUtils;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads and validates the graph API's path and query parameters; every problem is a {@link BadRequestException}. */
final class RequestParams {
    private static final String TYPES = Arrays.stream(InteractionType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));
    /**
     * Where the id sits in {@code /v1/graph/<kind>/{id}} and {@code /v1/graph/<kind>/{id}/<what>} split at their
     * slashes, and how many parts those have.
     */
    private static final int ID_SEGMENT = 4;
    private static final int VERTEX_SEGMENTS = 5;
    private static final int SUB_RESOURCE_SEGMENTS = 6;

    private RequestParams() {
    }

    /**
     * The {@code {id}} path segment, percent-decoded, which must not be blank. Ids may be any string, slashes
     * included, but Undertow leaves an encoded slash ({@code %2F}) encoded in the matched parameter; so the segment is
     * decoded here from the raw request URI. Every route has the id in the same place:
     * {@code /v1/graph/<kind>/{id}[/...]}.
     */
    static String id(HttpServerExchange exchange) {
        String id = rawSegment(exchange, ID_SEGMENT).map(RequestParams::decode).orElseGet(() -> matched(exchange));
        if (id == null || id.isBlank()) {
            throw new BadRequestException("the id in the path must not be blank");
        }
        return id;
    }

    private static Optional<String> rawSegment(HttpServerExchange exchange, int index) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int slash = uri.indexOf('/', uri.indexOf("://") + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        String[] segments = uri.split("/", -1);
        boolean routed = segments.length == VERTEX_SEGMENTS || segments.length == SUB_RESOURCE_SEGMENTS;
        return routed ? Optional.of(segments[index]) : Optional.empty();
    }

    private static String decode(String raw) {
        try {
            return URLUtils.decode(raw, StandardCharsets.UTF_8.name(), true, false, new StringBuilder());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the id in the path is not valid percent-encoded UTF-8: " + raw);
        }
    }

    private static String matched(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? null : match.getParameters().get("id");
    }

    /** {@code ?limit=N}, 1 to {@value GraphApi#MAX_LIMIT}, or {@code defaultLimit} when absent. */
    static int limit(HttpServerExchange exchange, int defaultLimit) {
        String raw = single(exchange, "limit");
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= GraphApi.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadRequestException("limit must be an integer from 1 to " + GraphApi.MAX_LIMIT + ", got '" + raw + "'");
    }

    /** {@code ?type=T}, one of the interaction types, or null when absent. */
    static InteractionType type(HttpServerExchange exchange) {
        String raw = single(exchange, "type");
        if (raw == null) {
            return null;
        }
        try {
            return InteractionType.valueOf(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("type must be one of " + TYPES + ", got '" + raw + "'");
        }
    }

    private static String single(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException(name + " must be given once, got " + values.size() + " values");
        }
        return values.getFirst();
    }
}
