package io.streamrec.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The origins whose pages may send events from the browser. Entries are exact origins
 * ({@code scheme://host[:port]}, compared case-insensitively) or {@code *} for any origin.
 */
record OriginAllowlist(Set<String> origins) {
    static final String ANY = "*";
    static final OriginAllowlist NONE = new OriginAllowlist(Set.of());

    OriginAllowlist {
        origins = Set.copyOf(origins);
    }

    /** @throws IllegalArgumentException naming the first entry that is not an origin */
    static OriginAllowlist parse(Collection<String> entries) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                origins.add(trimmed.equals(ANY) ? ANY : normalize(trimmed));
            }
        }
        return new OriginAllowlist(origins);
    }

    boolean allows(String origin) {
        return origins.contains(ANY) || origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private static String normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + origin + "\" is not an origin: " + e.getReason());
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (uri.getScheme() == null || uri.getHost() == null || !bare
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("\"" + origin + "\" is not an origin; write scheme://host[:port] with"
                    + " no path, such as https://shop.example, or * for any origin");
        }
        return origin.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return origins.isEmpty() ? "(none)" : String.join(", ", origins);
    }
}
