package io.streamrec.schemas.registry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns every failure of the routes behind it into Confluent's error body {@code {"error_code": N, "message":
 * "..."}}. Refusals keep their own message; anything unexpected is logged here and answered 500 without internals.
 */
final class RegistryErrorHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(RegistryErrorHandler.class);

    private final HttpHandler next;

    RegistryErrorHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (RegistryException e) {
            send(exchange, e.status(), e.errorCode(), e.getMessage());
        } catch (RequestTooBigException e) {
            send(exchange, 413, 413, "The request body is larger than " + RegistryExchange.MAX_BODY_BYTES + " bytes.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, 50003, "The registry is shutting down.");
        } catch (Exception e) {
            log.atError().addKeyValue("method", exchange.getRequestMethod()).addKeyValue("path", exchange.getRequestPath())
                    .setCause(e).log("request failed");
            send(exchange, 500, 500, "Internal server error; the registry's log has the details.");
        }
    }

    static void send(HttpServerExchange exchange, int status, int errorCode, String message) {
        if (exchange.isResponseStarted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        RegistryExchange.send(exchange, status, body);
    }
}
