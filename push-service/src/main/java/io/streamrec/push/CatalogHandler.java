package io.streamrec.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.http.Json;
import io.streamrec.common.lifecycle.StartupException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /catalog.json} from {@code streamrec.push.catalog-file}: the item names the live page shows. Read and
 * checked once at start, so a broken file stops the start with a clear message instead of a page without names.
 */
final class CatalogHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String body;

    private CatalogHandler(String body) {
        this.body = body;
    }

    static CatalogHandler fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new StartupException("cannot read streamrec.push.catalog-file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode catalog = JSON.readTree(text);
            if (catalog == null || !catalog.isArray()) {
                throw new StartupException("streamrec.push.catalog-file " + file
                        + " must hold a JSON array of {\"itemId\":...,\"name\":...}");
            }
            for (int i = 0; i < catalog.size(); i++) {
                JsonNode item = catalog.get(i);
                if (!item.path("itemId").isTextual() || !item.path("name").isTextual()) {
                    throw new StartupException("streamrec.push.catalog-file " + file + ": entry " + i
                            + " needs the strings itemId and name");
                }
            }
        } catch (JsonProcessingException e) {
            throw new StartupException("streamrec.push.catalog-file " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        return new CatalogHandler(text);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Json.send(exchange, StatusCodes.OK, body);
    }
}
