package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /subjects} → the subject names, sorted. */
final class SubjectsHandler implements HttpHandler {
    private final SchemaStore store;

    SubjectsHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RegistryExchange.ok(exchange, store.subjects());
    }
}
