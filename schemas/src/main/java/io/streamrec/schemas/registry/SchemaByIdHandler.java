package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Map;
import java.util.Optional;

/** {@code GET /schemas/ids/{id}} → {@code {"schema": "..."}}, or 40403. */
final class SchemaByIdHandler implements HttpHandler {
    private final SchemaStore store;

    SchemaByIdHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String id = RegistryExchange.pathParam(exchange, "id");
        String schema = parseId(id).flatMap(store::schemaById)
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema " + id));
        RegistryExchange.ok(exchange, Map.of("schema", schema));
    }

    private static Optional<Integer> parseId(String id) {
        try {
            return Optional.of(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
