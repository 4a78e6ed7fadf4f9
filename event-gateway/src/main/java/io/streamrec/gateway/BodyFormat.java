package io.streamrec.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The request body formats {@code POST /v1/events} accepts, by media type. */
enum BodyFormat {
    /** One event object, or an array of event objects. */
    JSON("application/json"),
    /** One event object per line; blank lines are skipped. */
    NDJSON("application/x-ndjson"),
    /**
     * A JSON event object or array sent as text: what {@code navigator.sendBeacon} sends for a string body, since
     * text/plain needs no CORS preflight.
     */
    BEACON_TEXT("text/plain");

    private final String mediaType;

    BodyFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** Parsed as one JSON document (object or array), as opposed to one per line. */
    boolean isDocument() {
        return this != NDJSON;
    }

    /**
     * The format among {@code accepted} for a media type without parameters ({@code application/json}), compared
     * case-insensitively.
     */
    static Optional<BodyFormat> forMediaType(String mediaType, Set<BodyFormat> accepted) {
        String normalized = mediaType.trim().toLowerCase(Locale.ROOT);
        for (BodyFormat format : accepted) {
            if (format.mediaType.equals(normalized)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** "application/json or application/x-ndjson", for error messages. */
    static String describe(Set<BodyFormat> accepted) {
        return accepted.stream().map(BodyFormat::mediaType).collect(Collectors.joining(" or "));
    }
}
