package io.streamrec.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Marks a request that {@link OriginHandler} recognized as coming from a page on an allowed origin: it needs no API
 * key and is rate-limited per client IP.
 */
final class BrowserCaller {
    private static final AttachmentKey<Boolean> KEY = AttachmentKey.create(Boolean.class);

    private BrowserCaller() {
    }

    static void mark(HttpServerExchange exchange) {
        exchange.putAttachment(KEY, Boolean.TRUE);
    }

    static boolean is(HttpServerExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttachment(KEY));
    }
}
