package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /subjects/{subject}} {@code {"schema": "..."}}: is this schema registered under the subject? Answers
 * {@code {"subject","version","id","schema"}}, or 40401 / 40403.
 */
final class LookupSchemaHandler implements HttpHandler {
    private final SchemaStore store;

    LookupSchemaHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String subject = RegistryExchange.pathParam(exchange, "subject");
        CanonicalSchema schema = SchemaRequest.parse(RegistryExchange.readObject(exchange));
        RegistryExchange.ok(exchange, store.lookup(subject, schema));
    }
}
