package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Map;

/**
 * {@code POST /subjects/{subject}/versions} {@code {"schema": "..."}} → {@code {"id": N}}. Idempotent: the same
 * schema gets the same version and id again; a schema known under another subject keeps its global id.
 */
final class RegisterSchemaHandler implements HttpHandler {
    private final SchemaWriter writer;

    RegisterSchemaHandler(SchemaWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String subject = RegistryExchange.pathParam(exchange, "subject");
        CanonicalSchema schema = SchemaRequest.parse(RegistryExchange.readObject(exchange));
        RegistryExchange.ok(exchange, Map.of("id", writer.register(subject, schema)));
    }
}
