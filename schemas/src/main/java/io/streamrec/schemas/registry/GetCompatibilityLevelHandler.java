package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Map;

/**
 * {@code GET /config} → the global {@code {"compatibilityLevel": "BACKWARD"}}; {@code GET /config/{subject}} → the
 * subject's own level, or 40408 when it has none (the global level with {@code ?defaultToGlobal=true}).
 */
final class GetCompatibilityLevelHandler implements HttpHandler {
    private final SchemaStore store;

    GetCompatibilityLevelHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String subject = RegistryExchange.pathParam(exchange, "subject");
        CompatibilityLevel level;
        if (subject == null) {
            level = store.globalLevel();
        } else if (RegistryExchange.flag(exchange, "defaultToGlobal")) {
            level = store.effectiveLevel(subject);
        } else {
            level = store.subjectLevel(subject).orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
        }
        RegistryExchange.ok(exchange, Map.of("compatibilityLevel", level.name()));
    }
}
