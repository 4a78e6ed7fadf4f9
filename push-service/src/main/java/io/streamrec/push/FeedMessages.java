package io.streamrec.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON text frames of the feed. Each update is encoded once, when it is consumed, and the same string goes to
 * every socket of its user.
 */
final class FeedMessages {
    private static final JsonFactory JSON = new JsonFactory();

    private FeedMessages() {
    }

    /** {@code {"type":"hello","userId":...}}: the first frame of every socket. */
    static String hello(String userId) {
        return write(json -> {
            json.writeStringField("type", "hello");
            json.writeStringField("userId", userId);
        });
    }

    /** {@code {"type":"recommendations","seq":N,"payload":{...}}} with times in epoch milliseconds. */
    static String recommendations(long seq, Recommendations recommendations) {
        return write(json -> {
            json.writeStringField("type", "recommendations");
            json.writeNumberField("seq", seq);
            json.writeObjectFieldStart("payload");
            json.writeStringField("userId", recommendations.getUserId());
            json.writeArrayFieldStart("items");
            for (RecommendedItem item : recommendations.getItems()) {
                writeItem(json, item);
            }
            json.writeEndArray();
            json.writeStringField("strategy", recommendations.getStrategy());
            json.writeNumberField("strategyVersion", recommendations.getStrategyVersion());
            json.writeStringField("experimentGroup", recommendations.getExperimentGroup());
            writeEpochMillis(json, "generatedAt", recommendations.getGeneratedAt());
            json.writeStringField("triggerEventId", recommendations.getTriggerEventId());
            writeEpochMillis(json, "triggerEventTime", recommendations.getTriggerEventTime());
            json.writeEndObject();
        });
    }

    private static void writeItem(JsonGenerator json, RecommendedItem item) throws IOException {
        json.writeStartObject();
        json.writeStringField("itemId", item.getItemId());
        json.writeNumberField("score", item.getScore());
        json.writeObjectFieldStart("sources");
        for (Map.Entry<String, Double> source : item.getSources().entrySet()) {
            json.writeNumberField(source.getKey(), source.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeEpochMillis(JsonGenerator json, String field, Instant time) throws IOException {
        if (time == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, time.toEpochMilli());
        }
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a feed message", e);
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }
}
