package io.streamrec.sink.store;

import io.streamrec.schemas.AttributeValue;
import io.streamrec.schemas.UserItemEdge;
import io.streamrec.schemas.VertexAttributes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a batch changes on one vertex: the span it needs to cover the batch's edges, and the attributes those edges
 * carry, merged with {@link VertexAttributes#merge}. Merging into the stored vertex with the same rule makes the
 * result independent of batch boundaries and order.
 */
record VertexUpdate(ActivitySpan span, Map<String, AttributeValue> attributes) {

    /** The update of each user of {@code edges}. */
    static Map<String, VertexUpdate> ofUsers(Collection<UserItemEdge> edges) {
        return by(edges, UserItemEdge::getUserId, UserItemEdge::getUserAttributes);
    }

    /** The update of each item of {@code edges}. */
    static Map<String, VertexUpdate> ofItems(Collection<UserItemEdge> edges) {
        return by(edges, UserItemEdge::getItemId, UserItemEdge::getItemAttributes);
    }

    private static Map<String, VertexUpdate> by(Collection<UserItemEdge> edges, Function<UserItemEdge, String> id,
                                                Function<UserItemEdge, Map<String, AttributeValue>> attributes) {
        Map<String, VertexUpdate> updates = new HashMap<>();
        for (UserItemEdge edge : edges) {
            VertexUpdate update = new VertexUpdate(new ActivitySpan(edge.getFirstSeen().toEpochMilli(),
                    edge.getLastSeen().toEpochMilli()), attributes.apply(edge));
            updates.merge(id.apply(edge), update, VertexUpdate::union);
        }
        return updates;
    }

    VertexUpdate union(VertexUpdate other) {
        return new VertexUpdate(span.union(other.span), VertexAttributes.merge(attributes, other.attributes));
    }

    /** The stored attributes with this update's merged in. */
    Map<String, AttributeValue> mergedInto(Map<String, AttributeValue> stored) {
        return VertexAttributes.merge(stored, attributes);
    }
}
