package io.streamrec.push;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open the feed: a configured list, {@code *} for any, or, when nothing is configured,
 * only pages served by this server (the Origin's host:port equals the Host header).
 */
final class AllowedOrigins {
    private static final String ANY = "*";

    /** Empty means same-origin only. */
    private final Optional<Set<String>> allowed;

    AllowedOrigins(Optional<List<String>> configured) {
        this.allowed = configured.map(origins -> origins.stream()
                .map(AllowedOrigins::normalize).collect(Collectors.toUnmodifiableSet()));
    }

    boolean permits(String origin, String host) {
        String normalized = normalize(origin);
        return allowed.map(set -> set.contains(ANY) || set.contains(normalized))
                .orElseGet(() -> isSameOrigin(normalized, host));
    }

    private static boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Origins compare case-insensitively, and people write them with a trailing slash. */
    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
