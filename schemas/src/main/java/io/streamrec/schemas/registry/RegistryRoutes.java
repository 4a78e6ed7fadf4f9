package io.streamrec.schemas.registry;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;

/**
 * The REST API, a subset of Confluent Schema Registry's. Requests run on a worker thread (a registration waits for
 * Kafka), pass the content-type check, then reach one handler per endpoint; every failure leaves through
 * {@link RegistryErrorHandler}.
 */
final class RegistryRoutes {
    private RegistryRoutes() {
    }

    static HttpHandler create(SchemaStore store, SchemaWriter writer) {
        HttpHandler routes = Handlers.routing()
                .get("/subjects", new SubjectsHandler(store))
                .post("/subjects/{subject}", new LookupSchemaHandler(store))
                .get("/subjects/{subject}/versions", new SubjectVersionsHandler(store))
                .post("/subjects/{subject}/versions", new RegisterSchemaHandler(writer))
                .get("/subjects/{subject}/versions/{version}", new SubjectVersionHandler(store))
                .get("/schemas/ids/{id}", new SchemaByIdHandler(store))
                .post("/compatibility/subjects/{subject}/versions/{version}", new CompatibilityHandler(store))
                .get("/config", new GetCompatibilityLevelHandler(store))
                .put("/config", new PutCompatibilityLevelHandler(writer))
                .get("/config/{subject}", new GetCompatibilityLevelHandler(store))
                .put("/config/{subject}", new PutCompatibilityLevelHandler(writer))
                .setFallbackHandler(RegistryRoutes::notFound)
                .setInvalidMethodHandler(RegistryRoutes::methodNotAllowed);
        return new BlockingHandler(new RegistryErrorHandler(new JsonContentTypeHandler(routes)));
    }

    private static void notFound(HttpServerExchange exchange) {
        throw new RegistryException(404, 404, "No endpoint " + exchange.getRequestMethod() + " " + exchange.getRequestPath() + ".");
    }

    private static void methodNotAllowed(HttpServerExchange exchange) {
        throw new RegistryException(405, 405, "Method " + exchange.getRequestMethod() + " is not allowed on "
                + exchange.getRequestPath() + ".");
    }
}
