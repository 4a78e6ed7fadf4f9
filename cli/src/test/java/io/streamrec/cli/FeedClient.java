package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A user's feed as a browser sees it: a demo token, then the WebSocket's JSON messages in arrival order. */
public final class FeedClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    private FeedClient() {
    }

    /** Connects to the push service at {@code pushUrl} (demo mode) for the user. */
    public static FeedClient connect(String pushUrl, String user) throws Exception {
        String token = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(pushUrl + "/v1/demo/token?user=" + user))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        FeedClient client = new FeedClient();
        HTTP.newWebSocketBuilder().buildAsync(URI.create(pushUrl.replace("http://", "ws://") + "/v1/feed?token=" + token),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            client.messages.add(parse(text.toString()));
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The first update caused by that event, skipping the others. */
    public JsonNode awaitUpdateTriggeredBy(String eventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && eventId.equals(message.path("payload").path("triggerEventId").asText())) {
                return message;
            }
        }
        throw new AssertionError("no feed update for event " + eventId + " within " + timeout.toSeconds() + " s");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("feed message is not JSON: " + text, e);
        }
    }
}
