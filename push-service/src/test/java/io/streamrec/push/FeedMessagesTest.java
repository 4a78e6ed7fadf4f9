package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recommendationsCarryEveryFieldWithTimesInEpochMillis() throws Exception {
        Recommendations recommendations = Recommendations.newBuilder()
                .setUserId("u1")
                .setItems(List.of(RecommendedItem.newBuilder().setItemId("i\"9").setScore(0.75)
                        .setSources(Map.of("similar", 0.5, "popular", 0.25)).build()))
                .setStrategy("blend").setStrategyVersion(12).setExperimentGroup("B")
                .setGeneratedAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .setTriggerEventId("e1").setTriggerEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        JsonNode message = JSON.readTree(FeedMessages.recommendations(42, recommendations));

        assertThat(message.get("type").asText()).isEqualTo("recommendations");
        assertThat(message.get("seq").asLong()).isEqualTo(42);
        JsonNode payload = message.get("payload");
        assertThat(payload.get("userId").asText()).isEqualTo("u1");
        assertThat(payload.get("items")).hasSize(1);
        JsonNode item = payload.get("items").get(0);
        assertThat(item.get("itemId").asText()).isEqualTo("i\"9");
        assertThat(item.get("score").asDouble()).isEqualTo(0.75);
        assertThat(item.get("sources").get("similar").asDouble()).isEqualTo(0.5);
        assertThat(item.get("sources").get("popular").asDouble()).isEqualTo(0.25);
        assertThat(payload.get("strategy").asText()).isEqualTo("blend");
        assertThat(payload.get("strategyVersion").asLong()).isEqualTo(12);
        assertThat(payload.get("experimentGroup").asText()).isEqualTo("B");
        assertThat(payload.get("generatedAt").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(payload.get("triggerEventId").asText()).isEqualTo("e1");
        assertThat(payload.get("triggerEventTime").asLong()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void absentOptionalFieldsAreJsonNulls() throws Exception {
        Recommendations recommendations = Recommendations.newBuilder()
                .setUserId("u1").setItems(List.of()).setStrategy("default").setStrategyVersion(0)
                .setGeneratedAt(Instant.ofEpochMilli(1)).build();

        JsonNode payload = JSON.readTree(FeedMessages.recommendations(1, recommendations)).get("payload");

        assertThat(payload.get("items")).isEmpty();
        assertThat(payload.get("experimentGroup").isNull()).isTrue();
        assertThat(payload.get("triggerEventId").isNull()).isTrue();
        assertThat(payload.get("triggerEventTime").isNull()).isTrue();
    }

    @Test
    void helloNamesTheUser() throws Exception {
        JsonNode hello = JSON.readTree(FeedMessages.hello("u\u00e91"));

        assertThat(hello.get("type").asText()).isEqualTo("hello");
        assertThat(hello.get("userId").asText()).isEqualTo("u\u00e91");
    }
}
