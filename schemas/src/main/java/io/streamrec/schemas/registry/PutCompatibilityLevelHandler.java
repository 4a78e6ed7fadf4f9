package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Map;
import java.util.Optional;

/**
 * {@code PUT /config} or {@code PUT /config/{subject}} {@code {"compatibility": "FULL"}} → {@code {"compatibility":
 * "FULL"}}. The level is stored in the schemas topic, so it survives restarts and reaches every instance.
 */
final class PutCompatibilityLevelHandler implements HttpHandler {
    private final SchemaWriter writer;

    PutCompatibilityLevelHandler(SchemaWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<String> subject = Optional.ofNullable(RegistryExchange.pathParam(exchange, "subject"));
        String requested = RegistryExchange.requiredText(RegistryExchange.readObject(exchange), "compatibility");
        CompatibilityLevel level = CompatibilityLevel.parse(requested)
                .orElseThrow(() -> RegistryException.invalidCompatibilityLevel(requested));
        writer.setCompatibility(subject, level);
        RegistryExchange.ok(exchange, Map.of("compatibility", level.name()));
    }
}
