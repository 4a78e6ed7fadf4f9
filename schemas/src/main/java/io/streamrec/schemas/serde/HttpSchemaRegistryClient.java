package io.streamrec.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Talks to any server with the Confluent Schema Registry REST API: Confluent, Karapace, Apicurio, or ours. */
final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    HttpSchemaRegistryClient(String baseUrl) {
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://: " + baseUrl);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(subject + "\n" + schema, ignored -> {
            String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
            JsonNode response = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            int id = response.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, ignored -> {
            JsonNode response = send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
            return new Schema.Parser().parse(response.path("schema").asText());
        });
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new SchemaRegistryException("schema registry at " + baseUrl + " answered "
                        + response.statusCode() + ": " + body.path("message").asText(response.body()),
                        body.path("error_code").asInt(response.statusCode()));
            }
            return body;
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot reach the schema registry at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry", e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
