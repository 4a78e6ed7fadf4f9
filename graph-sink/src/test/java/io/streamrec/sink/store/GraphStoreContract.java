package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.InteractionType;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.VertexAttributes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link GraphStore} adapter must do, run against a real engine by each adapter's subclass. Each test gets
 * an empty store from {@link #store()}.
 */
public abstract class GraphStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    /** An empty store, closed by the subclass after the test. */
    protected abstract GraphStore store();

    protected static UserItemEdge edge(String user, String item, Map<String, Long> counts, double weight,
                                       long firstMinute, long lastMinute) {
        return UserItemEdge.newBuilder().setUserId(user).setItemId(item).setCounts(counts).setWeight(weight)
                .setFirstSeen(T0.plusSeconds(60 * firstMinute)).setLastSeen(T0.plusSeconds(60 * lastMinute)).build();
    }

    protected static UserItemEdge edge(String user, String item, String type) {
        return edge(user, item, Map.of(type, 1L), 1.0, 0, 1);
    }

    @Test
    void upsertCreatesTheEdgeWithItsAbsoluteValues() {
        store().upsertEdges(List.of(edge("u1", "i1", Map.of("view", 2L, "purchase", 1L), 5.5, 0, 30)));

        assertThat(store().itemsOfUser("u1", 10)).containsExactly(new EdgeView("u1", "i1",
                Map.of("view", 2L, "purchase", 1L), 5.5, T0, T0.plusSeconds(1800)));
    }

    @Test
    void theSameEdgeTwiceIsOneEdgeWithTheLatestAbsoluteValues() {
        UserItemEdge first = edge("u1", "i1", Map.of("view", 1L), 1.0, 0, 1);
        UserItemEdge later = edge("u1", "i1", Map.of("view", 3L, "click", 1L), 4.0, 0, 9);

        store().upsertEdges(List.of(first));
        store().upsertEdges(List.of(later));
        store().upsertEdges(List.of(later));

        assertThat(store().itemsOfUser("u1", 10)).containsExactly(new EdgeView("u1", "i1",
                Map.of("view", 3L, "click", 1L), 4.0, T0, T0.plusSeconds(540)));
    }

    @Test
    void withinOneBatchTheLaterEdgeForAPairWins() {
        store().upsertEdges(List.of(
                edge("u1", "i1", Map.of("view", 1L), 1.0, 0, 1),
                edge("u1", "i2", Map.of("view", 1L), 1.0, 0, 1),
                edge("u1", "i1", Map.of("view", 2L), 2.0, 0, 2)));

        assertThat(store().itemsOfUser("u1", 10))
                .extracting(EdgeView::itemId, EdgeView::counts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("i1", Map.of("view", 2L)),
                        org.assertj.core.groups.Tuple.tuple("i2", Map.of("view", 1L)));
    }

    @Test
    void aBatchIsWrittenWhollyOrNotAtAll() {
        UserItemEdge valid = edge("u1", "i1", "view");
        // the all-args constructor skips the builder's checks: an edge no adapter can store
        UserItemEdge broken = new UserItemEdge("u1", "i2", null, 1.0, T0, T0, Map.of(), Map.of());

        assertThatThrownBy(() -> store().upsertEdges(List.of(valid, broken)))
                .isInstanceOf(GraphStoreException.class);

        assertThat(store().itemsOfUser("u1", 10)).isEmpty();
    }

    @Test
    void itemsOfUserComeMostRecentFirstUpToTheLimit() {
        store().upsertEdges(List.of(
                edge("u1", "old", Map.of("view", 1L), 1.0, 0, 5),
                edge("u1", "newest", Map.of("view", 1L), 1.0, 0, 50),
                edge("u1", "middle", Map.of("view", 1L), 1.0, 0, 20),
                edge("u2", "other", Map.of("view", 1L), 1.0, 0, 99)));

        assertThat(store().itemsOfUser("u1", 10)).extracting(EdgeView::itemId)
                .containsExactly("newest", "middle", "old");
        assertThat(store().itemsOfUser("u1", 2)).extracting(EdgeView::itemId).containsExactly("newest", "middle");
    }

    @Test
    void unknownUsersAndItemsHaveNothing() {
        store().upsertEdges(List.of(edge("u1", "i1", "view")));

        assertThat(store().itemsOfUser("nobody", 10)).isEmpty();
        assertThat(store().alsoInteracted("nothing", null, 10)).isEmpty();
    }

    @Test
    void alsoInteractedRanksOtherItemsBySharedUsers() {
        store().upsertEdges(List.of(
                edge("u1", "x", "view"), edge("u1", "a", "view"), edge("u1", "b", "view"),
                edge("u2", "x", "view"), edge("u2", "a", "view"),
                edge("u3", "x", "view"), edge("u3", "c", "view"),
                // u4 never touched x: a's popularity elsewhere must not count
                edge("u4", "a", "view"), edge("u4", "d", "view")));

        assertThat(store().alsoInteracted("x", null, 10)).containsExactly(
                new RelatedItem("a", 2), new RelatedItem("b", 1), new RelatedItem("c", 1));
        assertThat(store().alsoInteracted("x", null, 2)).containsExactly(
                new RelatedItem("a", 2), new RelatedItem("b", 1));
    }

    @Test
    void alsoInteractedWithATypeFollowsOnlyEdgesOfThatTypeOnBothHops() {
        store().upsertEdges(List.of(
                edge("u1", "x", "purchase"), edge("u1", "a", "view"), edge("u1", "b", "purchase"),
                edge("u2", "x", Map.of("view", 4L, "purchase", 1L), 6.0, 0, 1), edge("u2", "a", "purchase"),
                edge("u3", "x", "view"), edge("u3", "c", "purchase")));

        assertThat(store().alsoInteracted("x", InteractionType.purchase, 10)).containsExactly(
                new RelatedItem("a", 1), new RelatedItem("b", 1));
        assertThat(store().alsoInteracted("x", null, 10)).containsExactly(
                new RelatedItem("a", 2), new RelatedItem("b", 1), new RelatedItem("c", 1));
    }

    @Test
    void rewritingEveryEdgeOfABusyUserKeepsOneEdgePerItemWithTheLatestValues() {
        // enough edges for the engine to spread the user's adjacency over several segments
        for (int batch = 0; batch < 4; batch++) {
            List<UserItemEdge> edges = new java.util.ArrayList<>();
            for (int i = batch * 50; i < (batch + 1) * 50; i++) {
                edges.add(edge("u1", "i" + i, Map.of("view", 1L), 1.0, 0, 1));
            }
            store().upsertEdges(edges);
        }
        store().upsertEdges(List.of(edge("u2", "fresh0", "view")));

        // one batch: every old pair again, new pairs to a known and to an unknown item, in mixed order
        List<UserItemEdge> rewrite = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rewrite.add(edge("u1", "i" + i, Map.of("view", 2L + i), 2.0, 0, 2));
            if (i % 100 == 0) {
                rewrite.add(edge("u1", "fresh" + i / 100, Map.of("click", 1L), 1.0, 0, 2));
            }
        }
        store().upsertEdges(rewrite);

        List<EdgeView> items = store().itemsOfUser("u1", 1000);
        assertThat(items).hasSize(202);
        assertThat(items).extracting(EdgeView::itemId).doesNotHaveDuplicates();
        assertThat(items).filteredOn(view -> view.itemId().equals("i7")).singleElement()
                .extracting(EdgeView::counts).isEqualTo(Map.of("view", 9L));
        assertThat(items).filteredOn(view -> view.itemId().startsWith("i"))
                .allSatisfy(view -> assertThat(view.weight()).isEqualTo(2.0));
        assertThat(store().alsoInteracted("fresh0", null, 1000)).hasSize(201);
    }

    protected static UserItemEdge edge(String user, String item, long minute,
                                       Map<String, AttributeValue> userAttributes,
                                       Map<String, AttributeValue> itemAttributes) {
        return UserItemEdge.newBuilder(edge(user, item, Map.of("view", 1L), 1.0, minute, minute))
                .setUserAttributes(userAttributes).setItemAttributes(itemAttributes).build();
    }

    protected static AttributeValue seen(String value, long minute) {
        return new AttributeValue(value, T0.plusSeconds(60 * minute));
    }

    private static VertexView.Attribute viewOf(String value, long minute) {
        return new VertexView.Attribute(value, T0.plusSeconds(60 * minute));
    }

    @Test
    void theEdgesAttributesAreWrittenToTheirVertices() {
        store().upsertEdges(List.of(edge("u1", "i1", 3, Map.of("country", seen("FR", 3)),
                Map.of("name", seen("Red shoe", 2), "category", seen("shoes", 3)))));

        assertThat(store().vertex(VertexKind.USER, "u1")).contains(new VertexView("u1", T0.plusSeconds(180),
                T0.plusSeconds(180), Map.of("country", viewOf("FR", 3))));
        assertThat(store().vertex(VertexKind.ITEM, "i1")).contains(new VertexView("i1", T0.plusSeconds(180),
                T0.plusSeconds(180), Map.of("name", viewOf("Red shoe", 2), "category", viewOf("shoes", 3))));
    }

    @Test
    void verticesWithoutAttributesAndUnknownVertices() {
        store().upsertEdges(List.of(edge("u1", "i1", Map.of("view", 1L), 1.0, 2, 4)));

        assertThat(store().vertex(VertexKind.USER, "u1"))
                .contains(new VertexView("u1", T0.plusSeconds(120), T0.plusSeconds(240), Map.of()));
        assertThat(store().vertex(VertexKind.ITEM, "u1")).as("a user is not an item").isEmpty();
        assertThat(store().vertex(VertexKind.USER, "nobody")).isEmpty();
    }

    @Test
    void aNewerValueReplacesAnOlderOne() {
        store().upsertEdges(List.of(edge("u1", "i1", 1, Map.of(),
                Map.of("price", seen("10", 1), "color", seen("red", 1)))));
        store().upsertEdges(List.of(edge("u2", "i1", 5, Map.of(), Map.of("price", seen("12", 5)))));

        assertThat(store().vertex(VertexKind.ITEM, "i1")).map(VertexView::attributes)
                .contains(Map.of("price", viewOf("12", 5), "color", viewOf("red", 1)));
    }

    @Test
    void anOlderValueArrivingLaterDoesNotReplaceANewerOne() {
        store().upsertEdges(List.of(edge("u1", "i1", 5, Map.of("tier", seen("gold", 5)),
                Map.of("price", seen("12", 5)))));
        store().upsertEdges(List.of(edge("u1", "i2", 1, Map.of("tier", seen("silver", 1), "country", seen("FR", 1)),
                Map.of())));
        store().upsertEdges(List.of(edge("u2", "i1", 1, Map.of(), Map.of("price", seen("10", 1)))));

        assertThat(store().vertex(VertexKind.USER, "u1")).map(VertexView::attributes)
                .contains(Map.of("tier", viewOf("gold", 5), "country", viewOf("FR", 1)));
        assertThat(store().vertex(VertexKind.ITEM, "i1")).map(VertexView::attributes)
                .contains(Map.of("price", viewOf("12", 5)));
    }

    @Test
    void edgesReplayedTwiceOrInReverseOrderGiveIdenticalVertices() {
        List<UserItemEdge> forward = attributeHistory("f-");
        List<UserItemEdge> reverse = new ArrayList<>(attributeHistory("r-"));
        Collections.reverse(reverse);

        forward.forEach(edge -> store().upsertEdges(List.of(edge)));
        Map<String, Optional<VertexView>> once = vertices("f-");
        store().upsertEdges(forward);
        forward.forEach(edge -> store().upsertEdges(List.of(edge)));
        store().upsertEdges(reverse);

        assertThat(once.get("user u1")).map(VertexView::attributes).get()
                .satisfies(attributes -> assertThat(attributes).hasSize(VertexAttributes.MAX_PER_VERTEX)
                        .containsEntry("a00", viewOf("v9", 9)).containsEntry("btie", viewOf("zz", 4)));
        assertThat(vertices("f-")).as("replayed twice").isEqualTo(once);
        assertThat(vertices("r-")).as("reverse order, one batch").isEqualTo(once);
    }

    /**
     * Ten edges of one user to ten items, each saying something about both: overwrites, a tie at the same time and
     * more names than a vertex keeps. Ids start with {@code prefix}, so one store can hold two copies.
     */
    private static List<UserItemEdge> attributeHistory(String prefix) {
        List<UserItemEdge> edges = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> user = new HashMap<>();
            user.put("a00", seen("v" + i, i));
            user.put("btie", seen(i % 2 == 0 ? "zz" : "aa", 4));
            for (int n = 0; n < 4; n++) {
                user.put(String.format("n%d%d", i, n), seen("x", i));
            }
            Map<String, AttributeValue> item = Map.of("name", seen("item " + i % 3, 9 - i));
            edges.add(edge(prefix + "u1", prefix + "i" + i % 3 + "-" + i, i, user, item));
            edges.add(edge(prefix + "u" + i, prefix + "shared", i, Map.of(),
                    Map.of("stock", seen("s" + i % 4, i % 5))));
        }
        return edges;
    }

    /** The vertices of {@link #attributeHistory}, by kind and id without the prefix. */
    private Map<String, Optional<VertexView>> vertices(String prefix) {
        Map<String, Optional<VertexView>> vertices = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            vertices.put("user u" + i, unprefixed(store().vertex(VertexKind.USER, prefix + "u" + i), prefix));
            vertices.put("item i" + i % 3 + "-" + i,
                    unprefixed(store().vertex(VertexKind.ITEM, prefix + "i" + i % 3 + "-" + i), prefix));
        }
        vertices.put("item shared", unprefixed(store().vertex(VertexKind.ITEM, prefix + "shared"), prefix));
        return vertices;
    }

    private static Optional<VertexView> unprefixed(Optional<VertexView> vertex, String prefix) {
        return vertex.map(v -> new VertexView(v.id().substring(prefix.length()), v.firstSeen(), v.lastSeen(),
                v.attributes()));
    }

    @Test
    void anEmptyBatchChangesNothing() {
        store().upsertEdges(List.of());

        assertThat(store().itemsOfUser("u1", 10)).isEmpty();
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> store().itemsOfUser("u1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().alsoInteracted("i1", null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
