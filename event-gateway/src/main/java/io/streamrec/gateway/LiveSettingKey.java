package io.streamrec.gateway;

import io.streamrec.common.etcd.WatchedPrefix;
import io.streamrec.schemas.InteractionType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys under {@link LiveConfig#ETCD_PREFIX}, each with its parser; the same parsers check the
 * {@code streamrec.gateway.*} defaults, so a value means the same wherever it is set.
 */
enum LiveSettingKey {
    /** Comma-separated origins, or {@code *}. */
    ALLOWED_ORIGINS("allowed-origins"),
    /** Positive integer. */
    RATE_LIMIT_PER_SECOND("rate-limit-per-second"),
    /** Positive integer. */
    RATE_LIMIT_BURST("rate-limit-burst"),
    /** Comma-separated event types, at least one. */
    ACCEPTED_TYPES("accepted-types"),
    /** {@code on} / {@code off} (or {@code true} / {@code false}). */
    MAINTENANCE("maintenance");

    private final String key;

    LiveSettingKey(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** Parses one etcd value; the parser of {@link WatchedPrefix}, whose rejections keep the last good value. */
    static Object parse(String key, String value) {
        LiveSettingKey setting = Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key \"" + key + "\"; known keys: "
                        + Arrays.stream(values()).map(LiveSettingKey::key).collect(Collectors.joining(", "))));
        return setting.parse(value);
    }

    Object parse(String value) {
        return switch (this) {
            case ALLOWED_ORIGINS -> OriginAllowlist.parse(List.of(value.split(",")));
            case RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST -> positiveInt(value);
            case ACCEPTED_TYPES -> types(List.of(value.split(",")));
            case MAINTENANCE -> onOff(value);
        };
    }

    /** The defaults overridden by whatever etcd holds. */
    static LiveSettings overlay(LiveSettings defaults, Map<String, WatchedPrefix.Entry<Object>> entries) {
        OriginAllowlist origins = value(entries, ALLOWED_ORIGINS, OriginAllowlist.class)
                .orElse(defaults.allowedOrigins());
        int perSecond = value(entries, RATE_LIMIT_PER_SECOND, Integer.class).orElse(defaults.rateLimit().perSecond());
        int burst = value(entries, RATE_LIMIT_BURST, Integer.class).orElse(defaults.rateLimit().burst());
        @SuppressWarnings("unchecked")
        Set<InteractionType> types = value(entries, ACCEPTED_TYPES, Set.class).orElse(defaults.acceptedTypes());
        boolean maintenance = value(entries, MAINTENANCE, Boolean.class).orElse(defaults.maintenance());
        return new LiveSettings(origins, new RateLimit(perSecond, burst), types, maintenance);
    }

    private static <T> Optional<T> value(Map<String, WatchedPrefix.Entry<Object>> entries, LiveSettingKey key,
                                         Class<T> type) {
        return Optional.ofNullable(entries.get(key.key)).map(entry -> type.cast(entry.value()));
    }

    private static int positiveInt(String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a positive integer, got \"" + value + "\"");
    }

    static Set<InteractionType> types(List<String> names) {
        Set<InteractionType> types = EnumSet.noneOf(InteractionType.class);
        for (String name : names) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            types.add(Arrays.stream(InteractionType.values()).filter(t -> t.name().equals(trimmed)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("\"" + trimmed + "\" is not an event type; known"
                            + " types: " + EventValidator.ALLOWED_TYPES)));
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("name at least one event type of " + EventValidator.ALLOWED_TYPES);
        }
        return types;
    }

    private static boolean onOff(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("must be on or off, got \"" + value + "\"");
        };
    }
}
