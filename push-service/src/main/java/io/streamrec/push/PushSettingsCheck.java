package io.streamrec.push;

import io.streamrec.common.lifecycle.StartupException;

import java.util.ArrayList;
import java.util.List;

/** Checks the relations between push settings that their types cannot express, reporting every problem at once. */
final class PushSettingsCheck {
    private PushSettingsCheck() {
    }

    static void validate(PushConfig.PushSettings push) {
        List<String> problems = new ArrayList<>();
        if (push.port() < 0 || push.port() > 65535) {
            problems.add("streamrec.push.port must be 0-65535, was " + push.port());
        }
        if (push.tokenTtlSeconds() <= 0) {
            problems.add("streamrec.push.token-ttl-seconds must be positive, was " + push.tokenTtlSeconds());
        }
        if (push.pingIntervalSeconds() <= 0) {
            problems.add("streamrec.push.ping-interval-seconds must be positive, was " + push.pingIntervalSeconds());
        }
        if (push.idleTimeoutSeconds() <= push.pingIntervalSeconds()) {
            problems.add("streamrec.push.idle-timeout-seconds (" + push.idleTimeoutSeconds()
                    + ") must exceed streamrec.push.ping-interval-seconds (" + push.pingIntervalSeconds()
                    + "), or live clients are dropped between two pings");
        }
        if (push.sendTimeoutMs() <= 0) {
            problems.add("streamrec.push.send-timeout-ms must be positive, was " + push.sendTimeoutMs());
        }
        if (push.maxConnections() <= 0) {
            problems.add("streamrec.push.max-connections must be positive, was " + push.maxConnections());
        }
        if (!push.gatewayUrl().matches("(?i)https?://[^/?#]+(/[^?#]*)?")) {
            problems.add("streamrec.push.gateway-url: '" + push.gatewayUrl()
                    + "' is not an http(s) URL like http://localhost:8080");
        }
        push.allowedOrigins().ifPresent(origins -> origins.stream()
                .filter(origin -> !origin.equals("*") && !origin.matches("(?i)https?://[^/]+/?"))
                .forEach(origin -> problems.add("streamrec.push.allowed-origins: '" + origin
                        + "' is not an origin like https://shop.example.com (or *)")));
        if (!problems.isEmpty()) {
            throw new StartupException("invalid push settings:\n  - " + String.join("\n  - ", problems));
        }
    }
}
