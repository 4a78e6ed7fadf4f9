package io.streamrec.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.Interaction;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference path: the events as JSON nodes from an {@link EventSource}, each judged on its own by
 * {@link EventValidator}, which names everything wrong with a bad one.
 */
final class ValidatingEventReader implements EventReader {
    private final EventSource source;
    private final EventValidator validator;

    ValidatingEventReader(EventSource source, EventValidator validator) {
        this.source = source;
        this.validator = validator;
    }

    @Override
    public JudgedEvents read(HttpServerExchange exchange, Instant receivedAt) throws RejectedRequestException {
        List<JsonNode> events = source.events(exchange);
        List<Interaction> valid = new ArrayList<>(events.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                valid.add(validator.validate(events.get(i), receivedAt));
            } catch (InvalidEventException e) {
                rejected.add(new Rejection(i, e.getMessage()));
            }
        }
        return new JudgedEvents(valid, rejected);
    }
}
