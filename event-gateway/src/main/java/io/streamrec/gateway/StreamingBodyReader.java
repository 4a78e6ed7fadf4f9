package io.streamrec.gateway;

import io.streamrec.schemas.Interaction;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a request body ({@link BodyHandler#BODY}, in the {@link ContentTypeHandler#FORMAT}) through the
 * {@link StreamingEventParser} when all its events are valid, and through the reference path otherwise.
 */
final class StreamingBodyReader implements EventReader {
    private final StreamingEventParser parser;
    private final EventReader reference;

    StreamingBodyReader(StreamingEventParser parser, EventReader reference) {
        this.parser = parser;
        this.reference = reference;
    }

    @Override
    public JudgedEvents read(HttpServerExchange exchange, Instant receivedAt) throws RejectedRequestException {
        Optional<List<Interaction>> allValid = parser.parse(exchange.getAttachment(BodyHandler.BODY),
                exchange.getAttachment(ContentTypeHandler.FORMAT), receivedAt);
        if (allValid.isPresent()) {
            return new JudgedEvents(allValid.get(), List.of());
        }
        return reference.read(exchange, receivedAt);
    }
}
