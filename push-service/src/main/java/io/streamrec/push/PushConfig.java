package io.streamrec.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.config.RegistrySettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of the push service ({@code streamrec.kafka.*}, {@code streamrec.registry.*} and
 * {@code streamrec.push.*}). Load it with {@code ConfigLoader.load(PushConfig.class, file, overrides)}.
 */
@ConfigMapping(prefix = "streamrec")
public interface PushConfig {

    /** The cluster holding the {@code recommendations} topic. */
    KafkaSettings kafka();

    /** The registry that resolves the writer schemas of {@code recommendations} records. */
    RegistrySettings registry();

    /** The push service's own settings. */
    PushSettings push();

    /** {@code streamrec.push.*} */
    interface PushSettings {

        /** Interface the feed and the ops endpoints listen on ({@code streamrec.push.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the feed and the ops endpoints; 0 picks a free port, as tests do ({@code streamrec.push.port}). */
        @WithDefault("8081")
        int port();

        /**
         * The HMAC-SHA256 secret that signs feed tokens, at least 32 bytes of UTF-8 ({@code streamrec.push.token-secret},
         * best given as the environment variable {@code STREAMREC_PUSH_TOKEN_SECRET}). Exactly one of this and
         * {@code token-secret-file} must be set. Every instance, and whoever issues tokens, needs the same secret.
         */
        Optional<String> tokenSecret();

        /**
         * A file whose content (surrounding whitespace removed) is the token secret
         * ({@code streamrec.push.token-secret-file}); the alternative to {@code token-secret}.
         */
        Optional<Path> tokenSecretFile();

        /** How long a token issued by {@code /v1/demo/token} or {@code streamrec token} stays valid ({@code streamrec.push.token-ttl-seconds}). */
        @WithDefault("3600")
        long tokenTtlSeconds();

        /**
         * Serves {@code GET /v1/demo/token?user=U}, which hands anyone a token for any user
         * ({@code streamrec.push.demo-mode}). Only for the embedded demo; never enable it in production.
         */
        @WithDefault("false")
        boolean demoMode();

        /**
         * Origins allowed to open the feed from a browser, e.g. {@code https://shop.example.com}
         * ({@code streamrec.push.allowed-origins}, comma-separated). When unset, only same-origin pages may
         * (the Origin's host:port equals the Host header); {@code *} allows any origin. Clients that send no
         * Origin header (servers, tests) are not browsers and are always allowed: the token is their credential.
         */
        Optional<List<String>> allowedOrigins();

        /** How often the server pings each socket ({@code streamrec.push.ping-interval-seconds}). */
        @WithDefault("20")
        int pingIntervalSeconds();

        /**
         * A socket from which nothing (not even a pong) arrived for this long is closed with code 4000
         * ({@code streamrec.push.idle-timeout-seconds}); keep it above twice the ping interval.
         */
        @WithDefault("60")
        int idleTimeoutSeconds();

        /**
         * A message a client has not taken within this time closes its socket, so a stalled client cannot hold
         * server memory ({@code streamrec.push.send-timeout-ms}).
         */
        @WithDefault("10000")
        int sendTimeoutMs();

        /**
         * Most feed sockets this instance holds at once ({@code streamrec.push.max-connections}); a further upgrade
         * is refused with 503 and Retry-After, so a load balancer or the client tries another instance or later.
         */
        @WithDefault("100000")
        int maxConnections();

        /**
         * Base URL of the event gateway that the live page at {@code /} sends its view, cart and buy events to
         * ({@code streamrec.push.gateway-url}); the gateway must allow this service's origin.
         */
        @WithDefault("http://localhost:8080")
        String gatewayUrl();

        /**
         * A JSON file served as {@code /catalog.json} to name items on the live page, an array of
         * {@code {"itemId":..,"name":..}} ({@code streamrec.push.catalog-file}); unset serves the built-in demo
         * catalogue (item-1 .. item-40).
         */
        Optional<Path> catalogFile();
    }
}
