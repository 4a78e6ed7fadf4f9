package io.streamrec.gateway;

import io.streamrec.schemas.InteractionType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules SmallRye Config cannot express for {@code streamrec.gateway.*}: ranges, and the producer's own
 * constraints, checked at start so that a bad value stops the gateway with every problem listed.
 */
final class GatewaySettingsValidator {
    /** Below this, delivery.timeout.ms leaves Kafka no room for even one request and its retries. */
    static final int MIN_PRODUCE_TIMEOUT_MS = 1000;
    private static final long MAX_TIME_BOUND_MS = 100L * 366 * 24 * 3600 * 1000;
    /** Kafka's {@code compression.type} names. */
    private static final List<String> COMPRESSION_TYPES = List.of("none", "lz4", "zstd", "snappy", "gzip");

    private GatewaySettingsValidator() {
    }

    static List<String> problems(GatewayConfig.GatewaySettings settings) {
        List<String> problems = new ArrayList<>();
        check(problems, settings.port() >= 0 && settings.port() <= 65535, "port", settings.port(), "be 0-65535");
        check(problems, settings.maxBodyBytes() > 0, "max-body-bytes", settings.maxBodyBytes(), "be positive");
        check(problems, settings.maxBatchEvents() > 0, "max-batch-events", settings.maxBatchEvents(), "be positive");
        check(problems, settings.maxIdLength() > 0, "max-id-length", settings.maxIdLength(), "be positive");
        check(problems, settings.maxFutureSkewMs() >= 0 && settings.maxFutureSkewMs() <= MAX_TIME_BOUND_MS,
                "max-future-skew-ms", settings.maxFutureSkewMs(), "be 0 to 100 years");
        check(problems, settings.maxPastAgeMs() > 0 && settings.maxPastAgeMs() <= MAX_TIME_BOUND_MS,
                "max-past-age-ms", settings.maxPastAgeMs(), "be positive and at most 100 years");
        check(problems, settings.produceTimeoutMs() >= MIN_PRODUCE_TIMEOUT_MS, "produce-timeout-ms",
                settings.produceTimeoutMs(), "be at least " + MIN_PRODUCE_TIMEOUT_MS);
        check(problems, settings.maxBlockMs() >= 0 && settings.maxBlockMs() < settings.produceTimeoutMs(),
                "max-block-ms", settings.maxBlockMs(), "be 0 or more and below produce-timeout-ms");
        check(problems, settings.lingerMs() >= 0 && settings.lingerMs() < settings.produceTimeoutMs() / 2, "linger-ms",
                settings.lingerMs(), "be 0 or more and below half of produce-timeout-ms");
        check(problems, COMPRESSION_TYPES.contains(settings.compressionType()), "compression-type",
                settings.compressionType(), "be one of " + String.join(", ", COMPRESSION_TYPES));
        check(problems, settings.retryAfterSeconds() > 0, "retry-after-seconds", settings.retryAfterSeconds(),
                "be positive");
        check(problems, settings.readinessIntervalMs() >= 100, "readiness-interval-ms",
                settings.readinessIntervalMs(), "be at least 100");
        return problems;
    }

    /**
     * The live settings as configured in {@code streamrec.gateway.*} (etcd may override them later), checked by the
     * same rules as etcd's values; problems are added to {@code problems}.
     */
    static Optional<LiveSettings> liveSettings(GatewayConfig.GatewaySettings settings, List<String> problems) {
        int before = problems.size();
        OriginAllowlist origins = OriginAllowlist.NONE;
        Set<InteractionType> types = EnumSet.allOf(InteractionType.class);
        try {
            origins = OriginAllowlist.parse(settings.allowedOrigins().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            problems.add("streamrec.gateway.allowed-origins: " + e.getMessage());
        }
        try {
            if (settings.acceptedTypes().isPresent()) {
                types = LiveSettingKey.types(settings.acceptedTypes().get());
            }
        } catch (IllegalArgumentException e) {
            problems.add("streamrec.gateway.accepted-types: " + e.getMessage());
        }
        check(problems, settings.rateLimitPerSecond() > 0, "rate-limit-per-second", settings.rateLimitPerSecond(),
                "be positive");
        check(problems, settings.rateLimitBurst() > 0, "rate-limit-burst", settings.rateLimitBurst(), "be positive");
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new LiveSettings(origins, new RateLimit(settings.rateLimitPerSecond(),
                settings.rateLimitBurst()), types, false));
    }

    private static void check(List<String> problems, boolean ok, String key, long value, String rule) {
        check(problems, ok, key, Long.toString(value), rule);
    }

    private static void check(List<String> problems, boolean ok, String key, String value, String rule) {
        if (!ok) {
            problems.add("streamrec.gateway." + key + " must " + rule + ", got " + value);
        }
    }
}
