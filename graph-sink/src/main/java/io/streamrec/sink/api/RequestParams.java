package io.streamrec.sink.api;

import io.streamrec.schemas.InteractionType;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

import java.util.Arrays;
import java.util.Deque;
import java.util.stream.Collectors;

/** Reads and validates the graph API's path and query parameters; every problem is a {@link BadRequestException}. */
final class RequestParams {
    private static final String TYPES = Arrays.stream(InteractionType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private RequestParams() {
    }

    /** The {@code {id}} path segment, which must not be blank. */
    static String id(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String id = match == null ? null : match.getParameters().get("id");
        if (id == null || id.isBlank()) {
            throw new BadRequestException("the id in the path must not be blank");
        }
        return id;
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
