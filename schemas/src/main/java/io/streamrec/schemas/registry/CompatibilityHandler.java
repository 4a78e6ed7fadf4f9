package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /compatibility/subjects/{subject}/versions/{version|latest}} {@code {"schema": "..."}} →
 * {@code {"is_compatible": bool}}, plus {@code "messages"} (the reasons) with {@code ?verbose=true}. With
 * {@code latest} the check is the one a registration would make (every version for a transitive level); with a
 * number, against that version only.
 */
final class CompatibilityHandler implements HttpHandler {
    private final SchemaStore store;

    CompatibilityHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String subject = RegistryExchange.pathParam(exchange, "subject");
        Optional<Integer> version = VersionParam.parse(RegistryExchange.pathParam(exchange, "version"));
        CanonicalSchema schema = SchemaRequest.parse(RegistryExchange.readObject(exchange));
        List<String> reasons = store.incompatibilities(subject, schema, version);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", reasons.isEmpty());
        if (RegistryExchange.flag(exchange, "verbose")) {
            answer.put("messages", reasons);
        }
        RegistryExchange.ok(exchange, answer);
    }
}
