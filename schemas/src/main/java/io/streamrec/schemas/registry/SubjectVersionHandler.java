package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /subjects/{subject}/versions/{version|latest}} → {@code {"subject","version","id","schema"}}, or 40401,
 * 40402, 42202.
 */
final class SubjectVersionHandler implements HttpHandler {
    private final SchemaStore store;

    SubjectVersionHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String subject = RegistryExchange.pathParam(exchange, "subject");
        RegistryExchange.ok(exchange, VersionParam.resolve(store, subject, RegistryExchange.pathParam(exchange, "version")));
    }
}
