package io.streamrec.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.push.FeedTokens;
import io.streamrec.push.PushConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many users' feeds held open at once with the JDK's WebSocket client, one socket per user ({@code user-<i>}).
 * Tokens are signed locally with the demo's secret, as a shop's backend would. Every recommendations message is
 * handed to the observer with the time it arrived.
 */
final class FeedFleet implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECTING_AT_ONCE = 200;

    /** Sees each recommendations message of user {@code index}, timestamped with {@link System#nanoTime()} on arrival. */
    interface Observer {
        void onRecommendations(int user, long receivedNanos, JsonNode payload);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicLongArray updatesPerUser;
    private volatile Observer observer = (user, at, payload) -> { };

    private FeedFleet(int users) {
        updatesPerUser = new AtomicLongArray(users);
    }

    static String user(int index) {
        return "user-" + index;
    }

    static FeedFleet connect(String pushUrl, Path tokenSecretFile, int users) throws Exception {
        FeedTokens tokens = FeedTokens.fromConfig(ConfigLoader.load(PushConfig.class, Optional.empty(),
                Map.of("streamrec.push.token-secret-file", tokenSecretFile.toString())).push());
        FeedFleet fleet = new FeedFleet(users);
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        String feedUrl = pushUrl.replace("http://", "ws://") + "/v1/feed?token=";
        for (int i = 0; i < users; i++) {
            connecting.acquire();
            CompletableFuture<WebSocket> socket = fleet.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(feedUrl + tokens.issue(user(i), Duration.ofHours(2))), fleet.listener(i));
            socket.whenComplete((ok, error) -> connecting.release());
            opened.add(socket);
        }
        for (CompletableFuture<WebSocket> socket : opened) {
            fleet.sockets.add(socket.get(60, TimeUnit.SECONDS));
        }
        return fleet;
    }

    void observe(Observer observer) {
        this.observer = observer;
    }

    /** Users that received at least one recommendations message. */
    int usersWithUpdates() {
        int count = 0;
        for (int i = 0; i < updatesPerUser.length(); i++) {
            count += updatesPerUser.get(i) > 0 ? 1 : 0;
        }
        return count;
    }

    int size() {
        return sockets.size();
    }

    private WebSocket.Listener listener(int user) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    long receivedNanos = System.nanoTime();
                    JsonNode message = parse(text.toString());
                    text.setLength(0);
                    if ("recommendations".equals(message.path("type").asText())) {
                        updatesPerUser.incrementAndGet(user);
                        observer.onRecommendations(user, receivedNanos, message.path("payload"));
                    }
                }
                socket.request(1);
                return null;
            }
        };
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("feed message is not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done"));
    }
}
