package io.streamrec.gateway;

import java.util.Locale;
import java.util.Optional;

/** The request body formats {@code POST /v1/events} accepts, by media type. */
enum BodyFormat {
    /** One event object, or an array of event objects. */
    JSON("application/json"),
    /** One event object per line; blank lines are skipped. */
    NDJSON("application/x-ndjson");

    static final String ACCEPTED = JSON.mediaType + " or " + NDJSON.mediaType;

    private final String mediaType;

    BodyFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The format for a media type without parameters ({@code application/json}), compared case-insensitively. */
    static Optional<BodyFormat> forMediaType(String mediaType) {
        String normalized = mediaType.trim().toLowerCase(Locale.ROOT);
        for (BodyFormat format : values()) {
            if (format.mediaType.equals(normalized)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
