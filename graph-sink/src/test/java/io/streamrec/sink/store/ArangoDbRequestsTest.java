package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the ArangoDB adapter would send for a batch and for each query, checked without a server. */
@SuppressWarnings("rawtypes")
class ArangoDbRequestsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static UserItemEdge edge(String user, String item, Map<String, Long> counts, long firstMin, long lastMin) {
        return UserItemEdge.newBuilder().setUserId(user).setItemId(item).setCounts(counts).setWeight(2.5)
                .setFirstSeen(T0.plusSeconds(60 * firstMin)).setLastSeen(T0.plusSeconds(60 * lastMin)).build();
    }

    @Test
    void anEdgeDocumentCarriesItsDeterministicKeyEndpointsAndAbsoluteAggregate() {
        List<Map<String, Object>> documents = ArangoDbDocuments.edges(List.of(
                edge("u1", "i1", Map.of("view", 3L, "purchase", 1L), 0, 9)));

        assertThat(documents).containsExactly(Map.of(
                "_key", "19cd66827a94c3e826bc128b20376b78",
                "_from", "users/" + ArangoDbKeys.vertex("u1"),
                "_to", "items/" + ArangoDbKeys.vertex("i1"),
                "userId", "u1", "itemId", "i1",
                "counts", Map.of("purchase", 1L, "view", 3L),
                "weight", 2.5,
                "firstSeen", T0.toEpochMilli(),
                "lastSeen", T0.plusSeconds(540).toEpochMilli()));
    }

    @Test
    void oneVertexDocumentPerIdSpanningAllItsEdgesOfTheBatch() {
        List<UserItemEdge> batch = List.of(edge("u1", "i1", Map.of("view", 1L), 5, 10),
                edge("u1", "i2", Map.of("view", 1L), 2, 7), edge("u2", "i1", Map.of("view", 1L), 8, 30));

        List<Map<String, Object>> users = ArangoDbDocuments.vertices(VertexUpdate.ofUsers(batch), Map.of());

        assertThat(users).containsExactly(
                Map.of("_key", ArangoDbKeys.vertex("u1"), "id", "u1",
                        "firstSeen", T0.plusSeconds(120).toEpochMilli(), "lastSeen", T0.plusSeconds(600).toEpochMilli()),
                Map.of("_key", ArangoDbKeys.vertex("u2"), "id", "u2",
                        "firstSeen", T0.plusSeconds(480).toEpochMilli(), "lastSeen", T0.plusSeconds(1800).toEpochMilli()));
        assertThat(ArangoDbDocuments.keysWithAttributes(VertexUpdate.ofUsers(batch))).as("nothing to read first")
                .isEmpty();
    }

    @Test
    void aVertexDocumentCarriesTheBatchsAttributesMergedIntoTheStoredOnes() {
        List<UserItemEdge> batch = List.of(
                withItemAttributes(edge("u1", "i1", Map.of("view", 1L), 0, 1),
                        Map.of("price", seen("12", 5), "color", seen("red", 1))),
                withItemAttributes(edge("u2", "i1", Map.of("view", 1L), 0, 1), Map.of("price", seen("11", 4))),
                edge("u2", "i2", Map.of("view", 1L), 0, 1));
        Map<String, VertexUpdate> items = VertexUpdate.ofItems(batch);
        // stored: an older price, a newer color, a name the batch does not mention
        Map<String, Map<String, AttributeValue>> stored = Map.of("i1",
                Map.of("price", seen("10", 1), "color", seen("blue", 9), "name", seen("Shoe", 0)));

        List<Map<String, Object>> documents = ArangoDbDocuments.vertices(items, stored);

        assertThat(ArangoDbDocuments.keysWithAttributes(items)).containsExactly(ArangoDbKeys.vertex("i1"));
        assertThat(documents.get(0)).containsEntry("id", "i1")
                .containsEntry("attributes", Map.of("price", "12", "color", "blue", "name", "Shoe"))
                .containsEntry("attributeTimes", Map.of("price", minute(5), "color", minute(9), "name", minute(0)));
        assertThat(documents.get(1)).containsEntry("id", "i2").doesNotContainKeys("attributes", "attributeTimes");
    }

    @Test
    void storedAttributesAreReadByPrimaryKeyThroughBindVariables() {
        AqlQuery query = ArangoDbQueries.storedAttributes("items", List.of("k1", "k2"));

        assertThat(query.text()).contains("FOR v IN @@collection", "FILTER v._key IN @keys",
                "RETURN { id: v.id, attributes: v.attributes, attributeTimes: v.attributeTimes }");
        assertThat(query.bindVars()).isEqualTo(Map.of("@collection", "items", "keys", List.of("k1", "k2")));
    }

    @Test
    void storedAttributeRowsOfAnyNumberTypeBecomeAttributesById() {
        List<Map> rows = List.of(
                Map.of("id", "i1", "attributes", Map.of("price", "12", "orphan", "x"),
                        "attributeTimes", Map.of("price", (double) minute(5))),
                new java.util.HashMap<>(Map.of("id", "i2")));

        assertThat(ArangoDbRows.storedAttributes(rows)).isEqualTo(Map.of(
                "i1", Map.of("price", seen("12", 5)), "i2", Map.of()));
    }

    @Test
    void aVertexIsReadByItsKeyAndBecomesAView() {
        AqlQuery query = ArangoDbQueries.vertex(VertexKind.ITEM, "sku/9");

        assertThat(query.text()).contains("FOR v IN @@collection", "FILTER v._key == @key", "RETURN v");
        assertThat(query.bindVars()).isEqualTo(Map.of("@collection", "items", "key", ArangoDbKeys.vertex("sku/9")));
        assertThat(ArangoDbRows.vertex(Map.of("_key", "k", "id", "sku/9", "firstSeen", minute(1), "lastSeen", 3.0E5,
                "attributes", Map.of("name", "Shoe"), "attributeTimes", Map.of("name", minute(2)))))
                .isEqualTo(new VertexView("sku/9", T0.plusSeconds(60), Instant.ofEpochMilli(300_000),
                        Map.of("name", new VertexView.Attribute("Shoe", T0.plusSeconds(120)))));
        assertThat(ArangoDbRows.vertex(Map.of("id", "u1")))
                .isEqualTo(new VertexView("u1", null, null, Map.of()));
    }

    private static UserItemEdge withItemAttributes(UserItemEdge edge, Map<String, AttributeValue> attributes) {
        return UserItemEdge.newBuilder(edge).setItemAttributes(attributes).build();
    }

    private static AttributeValue seen(String value, long minute) {
        return new AttributeValue(value, T0.plusSeconds(60 * minute));
    }

    private static long minute(long minute) {
        return T0.plusSeconds(60 * minute).toEpochMilli();
    }

    @Test
    void anEdgeWithoutCountsIsRefusedBeforeAnythingIsSent() {
        UserItemEdge broken = new UserItemEdge("u1", "i2", null, 1.0, T0, T0, Map.of(), Map.of());

        assertThatThrownBy(() -> ArangoDbDocuments.edges(List.of(broken)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u1/i2");
    }

    @Test
    void verticesAreUpsertedWidenedByMinAndMaxWithAttributesReplacedWholeThroughBindVariables() {
        List<Map<String, Object>> vertices = List.of(Map.of("_key", "k", "id", "u1", "firstSeen", 1L, "lastSeen", 2L));

        AqlQuery query = ArangoDbQueries.upsertVertices("users", vertices);

        assertThat(query.text()).contains("FOR v IN @vertices", "UPSERT { _key: v._key }", "INSERT v",
                "MIN([OLD.firstSeen, v.firstSeen])", "MAX([OLD.lastSeen, v.lastSeen])",
                "HAS(v, \"attributes\") ? { attributes: v.attributes, attributeTimes: v.attributeTimes } : {}",
                "IN @@collection", "mergeObjects: false");
        assertThat(query.bindVars()).isEqualTo(Map.of("vertices", vertices, "@collection", "users"));
    }

    @Test
    void itemsOfUserFollowsTheEdgeIndexFromTheUsersHandle() {
        AqlQuery query = ArangoDbQueries.itemsOfUser("user/1", 7);

        assertThat(query.text()).contains("FOR e IN @@edges", "FILTER e._from == @user",
                "SORT e.lastSeen DESC, e.itemId ASC", "LIMIT @limit");
        assertThat(query.bindVars()).isEqualTo(Map.of("@edges", "interactions",
                "user", "users/" + ArangoDbKeys.vertex("user/1"), "limit", 7));
    }

    @Test
    void alsoInteractedWalksTwoHopsOnTheNamedGraphAndCountsSharedUsers() {
        AqlQuery query = ArangoDbQueries.alsoInteracted("i1", null, 10);

        assertThat(query.text()).isEqualTo("""
                FOR user, seed IN 1..1 INBOUND @item GRAPH @graph
                  FOR other, edge IN 1..1 OUTBOUND user GRAPH @graph
                    FILTER edge._to != @item
                    COLLECT itemId = edge.itemId WITH COUNT INTO users
                    SORT users DESC, itemId ASC
                    LIMIT @limit
                    RETURN { itemId, users }""");
        assertThat(query.bindVars()).isEqualTo(Map.of("item", "items/" + ArangoDbKeys.vertex("i1"),
                "graph", "interaction_graph", "limit", 10));
    }

    @Test
    void alsoInteractedWithATypeFiltersBothHops() {
        AqlQuery query = ArangoDbQueries.alsoInteracted("i1", InteractionType.purchase, 5);

        assertThat(query.text()).contains("FILTER seed.counts[@type] > 0",
                "FILTER edge._to != @item AND edge.counts[@type] > 0");
        assertThat(query.bindVars()).containsEntry("type", "purchase").containsEntry("limit", 5);
    }

    @Test
    void rowsOfAnyNumberTypeBecomeViews() {
        Map<String, Object> row = Map.of("userId", "u1", "itemId", "i1", "counts", Map.of("view", 3),
                "weight", 4, "firstSeen", T0.toEpochMilli(), "lastSeen", (double) T0.toEpochMilli());

        assertThat(ArangoDbRows.edge(row)).isEqualTo(new EdgeView("u1", "i1", Map.of("view", 3L), 4.0, T0, T0));
        assertThat(ArangoDbRows.related(Map.of("itemId", "i7", "users", 12)))
                .isEqualTo(new RelatedItem("i7", 12));
    }

    @Test
    void onlyTransientServerConditionsAreRetried() {
        assertThat(ArangoDbErrors.isRetriable(new com.arangodb.ArangoDBException("Cannot contact any host!")))
                .isTrue();
        assertThat(ArangoDbErrors.isRetriable(409, 1200)).as("write-write conflict").isTrue();
        assertThat(ArangoDbErrors.isRetriable(409, 1210)).as("unique constraint, concurrent insert").isTrue();
        assertThat(ArangoDbErrors.isRetriable(503, 21)).as("shutting down").isTrue();
        assertThat(ArangoDbErrors.isRetriable(503, null)).isTrue();
        assertThat(ArangoDbErrors.isRetriable(401, 11)).as("unauthorized").isFalse();
        assertThat(ArangoDbErrors.isRetriable(404, 1203)).as("collection not found").isFalse();
        assertThat(ArangoDbErrors.isRetriable(400, 600)).as("invalid document").isFalse();
    }

    @Test
    void optionsNeverShowThePassword() {
        ArangoDbOptions options = new ArangoDbOptions(List.of(ArangoDbOptions.Host.parse("db1:8529")), "streamrec",
                "root", "s3cret", true, 1000);

        assertThat(options.toString()).contains("db1:8529").doesNotContain("s3cret");
    }

    @Test
    void hostsMustBeHostColonPort() {
        assertThat(ArangoDbOptions.Host.parse(" db1:8529 ")).isEqualTo(new ArangoDbOptions.Host("db1", 8529));
        assertThat(ArangoDbOptions.Host.parse("[::1]:8529")).isEqualTo(new ArangoDbOptions.Host("[::1]", 8529));
        assertThatThrownBy(() -> ArangoDbOptions.Host.parse("db1")).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> ArangoDbOptions.Host.parse("db1:http")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ArangoDbOptions.Host.parse("db1:0")).hasMessageContaining("outside 1-65535");
    }
}
