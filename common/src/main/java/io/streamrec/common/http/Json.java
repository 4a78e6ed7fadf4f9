package io.streamrec.common.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Small helpers for JSON responses, including the one error shape every service uses. */
public final class Json {
    private Json() {
    }

    public static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    public static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json);
    }

    /** {@code {"error": message}} with the given status. */
    public static void error(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, "{\"error\":" + quote(message) + "}");
    }
}
