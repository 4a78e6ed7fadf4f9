package io.streamrec.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.testkit.Poll;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A feed client on the JDK's WebSocket, recording every message, ping and the close it receives. */
final class FeedClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile Integer closeCode;
    private volatile String closeReason;
    private WebSocket socket;

    /** Connects with the token in the query string; fails with the handshake's exception when refused. */
    static FeedClient connect(int port, String token) throws Exception {
        return connect(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create("ws://127.0.0.1:" + port + "/v1/feed?token=" + token));
    }

    static FeedClient connect(WebSocket.Builder builder, URI uri) throws Exception {
        FeedClient client = new FeedClient();
        client.socket = builder.connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, client)
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return null;
    }

    List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    List<JsonNode> recommendations() {
        return messages.stream().filter(m -> m.get("type").asText().equals("recommendations")).toList();
    }

    /** Waits for a recommendations message whose payload matches and returns it. */
    JsonNode awaitRecommendations(Predicate<JsonNode> payload) {
        return Poll.until(DEADLINE, () -> recommendations().stream().filter(m -> payload.test(m.get("payload")))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    int pings() {
        return pings.get();
    }

    Integer closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        socket.abort();
    }
}
