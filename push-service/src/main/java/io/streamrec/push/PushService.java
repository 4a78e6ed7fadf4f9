package io.streamrec.push;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The push service: replays the compacted {@code recommendations} topic into memory and streams each user's
 * recommendations to that user's WebSockets at {@code GET /v1/feed}. See the module README for the protocol.
 */
public final class PushService implements Service, HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(PushService.class);
    private static final String NAME = "push-service";
    private static final Duration CLOSE_FRAMES_TIMEOUT = Duration.ofSeconds(2);

    private final PushConfig config;
    private final FeedTokens tokens;
    private final PrometheusMeterRegistry registry;
    private final PushMetrics metrics;
    private final LatestSnapshots snapshots = new LatestSnapshots();
    private final FeedHub hub;
    private RecommendationsConsumer consumer;
    private Heartbeat heartbeat;
    private HttpService http;

    /** Fails with a {@code StartupException} when the settings are invalid or the token secret is missing or weak. */
    public PushService(PushConfig config) {
        PushSettingsCheck.validate(config.push());
        this.config = config;
        this.tokens = FeedTokens.fromConfig(config.push());
        this.hub = new FeedHub(config.push().maxConnections());
        // after the checks: the registry binds JVM listeners that a refused construction would leak
        this.registry = Metrics.prometheus(NAME);
        this.metrics = new PushMetrics(registry);
        metrics.gauges(hub::connections, snapshots::size);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        PushConfig.PushSettings push = config.push();
        try {
            KafkaAdmin.awaitReachable(config.kafka());
            consumer = new RecommendationsConsumer(config.kafka(), SchemaRegistryClient.connect(config.registry()),
                    snapshots, hub::publish, metrics);
            consumer.start();
            heartbeat = new Heartbeat(hub, metrics, Duration.ofSeconds(push.pingIntervalSeconds()),
                    Duration.ofSeconds(push.idleTimeoutSeconds()));
            heartbeat.start();
            Readiness readiness = new Readiness().add("recommendations-replayed", consumer::caughtUp);
            http = new HttpService(NAME, push.host(), push.port(), PushRoutes.create(push, tokens, hub,
                    new FeedSocket(hub, snapshots, metrics, push.sendTimeoutMs()), metrics), readiness, registry);
            http.start();
        } catch (RuntimeException e) {
            // the group only closes services that started, so release what this one already holds
            close();
            throw e;
        }
        if (push.demoMode()) {
            log.atWarn().log("demo mode: GET /v1/demo/token hands out feed tokens to anyone; never use it in production");
        }
    }

    /** The bound port; differs from the configured one when that was 0. */
    @Override
    public int port() {
        return http.port();
    }

    /** Issues tokens with this service's secret, e.g. for the {@code streamrec token} command. */
    public FeedTokens tokens() {
        return tokens;
    }

    /**
     * Tells every client the server is going (close code 1001), then stops the HTTP server, the heartbeat and the
     * consumer. Nothing is lost: the state is the topic, which the next start replays.
     */
    @Override
    public void close() throws InterruptedException {
        metrics.disconnected(FeedCloseCode.SHUTTING_DOWN, hub.connections());
        if (!hub.closeAll(FeedCloseCode.SHUTTING_DOWN, CLOSE_FRAMES_TIMEOUT)) {
            log.atWarn().log("some feed sockets did not take their close frame in time");
        }
        if (http != null) {
            http.close();
            http = null;
        }
        if (heartbeat != null) {
            heartbeat.stop();
            heartbeat = null;
        }
        if (consumer != null) {
            consumer.stop();
            consumer = null;
        }
        registry.close();
    }
}
