package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.math.BigDecimal;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one event of an image beacon, from its query parameters: {@code userId}, {@code itemId}, {@code type},
 * {@code eventId}, {@code eventTime} (ISO-8601 or epoch milliseconds), {@code value}, and {@code context.<name>}
 * for each context entry. It becomes the same JSON object a POST would carry, so the same validator judges it.
 */
final class PixelQueryEvents implements EventSource {
    static final String CONTEXT_PREFIX = "context.";
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,18}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public List<JsonNode> events(HttpServerExchange exchange) throws RejectedRequestException {
        Map<String, Deque<String>> parameters = exchange.getQueryParameters();
        if (parameters.isEmpty()) {
            throw new RejectedRequestException(StatusCodes.BAD_REQUEST, "the event goes in the query string:"
                    + " /v1/pixel.gif?userId=...&itemId=...&type=view[&context.page=...]");
        }
        ObjectNode event = NODES.objectNode();
        ObjectNode context = NODES.objectNode();
        for (Map.Entry<String, Deque<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() > 1) {
                throw new RejectedRequestException(StatusCodes.BAD_REQUEST, "query parameter " + name
                        + " is given " + parameter.getValue().size() + " times; give it once");
            }
            String value = parameter.getValue().getFirst();
            if (name.startsWith(CONTEXT_PREFIX) && name.length() > CONTEXT_PREFIX.length()) {
                context.put(name.substring(CONTEXT_PREFIX.length()), value);
            } else {
                event.set(name, typed(name, value));
            }
        }
        if (!context.isEmpty()) {
            event.set("context", context);
        }
        return List.of(event);
    }

    /** Query values are text; the fields that are numbers in JSON become numbers when they read as one. */
    private static JsonNode typed(String name, String value) {
        if (name.equals("eventTime") && EPOCH_MILLIS.matcher(value).matches()) {
            return NODES.numberNode(Long.parseLong(value));
        }
        if (name.equals("value")) {
            try {
                return NODES.numberNode(new BigDecimal(value));
            } catch (NumberFormatException e) {
                // left as text: the validator says "value must be a number"
            }
        }
        return NODES.textNode(value);
    }
}
