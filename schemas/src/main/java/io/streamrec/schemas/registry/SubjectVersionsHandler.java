package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /subjects/{subject}/versions} → the version numbers, ascending, or 40401. */
final class SubjectVersionsHandler implements HttpHandler {
    private final SchemaStore store;

    SubjectVersionsHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RegistryExchange.ok(exchange, store.versions(RegistryExchange.pathParam(exchange, "subject")));
    }
}
