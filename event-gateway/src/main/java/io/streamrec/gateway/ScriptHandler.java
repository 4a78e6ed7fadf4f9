package io.streamrec.gateway;

import io.streamrec.common.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /streamrec.js}: the browser snippet, from the classpath, with an ETag of its content and an hour of
 * caching: pages load it on every view, and a new gateway version reaches browsers within the hour.
 */
final class ScriptHandler implements HttpHandler {
    static final String RESOURCE = "/io/streamrec/gateway/streamrec.js";
    private static final String CACHE_CONTROL = "public, max-age=3600";

    private final byte[] script;
    private final ETag etag;

    ScriptHandler() {
        this.script = load();
        this.etag = new ETag(false, HexFormat.of().formatHex(sha256(script), 0, 16));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        boolean head = Methods.HEAD.equals(exchange.getRequestMethod());
        if (!head && !Methods.GET.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Json.error(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method " + exchange.getRequestMethod()
                    + " is not allowed on " + exchange.getRequestPath() + "; use GET");
            return;
        }
        exchange.getResponseHeaders().put(Headers.ETAG, etag.toString()).put(Headers.CACHE_CONTROL, CACHE_CONTROL);
        if (!ETagUtils.handleIfNoneMatch(exchange, etag, true)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .put(Headers.CONTENT_LENGTH, script.length);
        if (head) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(script));
    }

    private static byte[] load() {
        try (InputStream in = ScriptHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
