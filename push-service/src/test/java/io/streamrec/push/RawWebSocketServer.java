package io.streamrec.push;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's baseline: a bare Undertow WebSocket server with no auth, no Kafka and no per-user routing. It
 * holds sockets and, on {@code GET /broadcast}, sends every socket a frame of the same shape and size as a feed
 * update. Run as its own JVM by {@link PushBenchmark}; prints {@code PORT <n>} once listening.
 */
public final class RawWebSocketServer {
    private RawWebSocketServer() {
    }

    public static void main(String[] args) {
        Set<WebSocketChannel> sockets = ConcurrentHashMap.newKeySet();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path()
                        .addExactPath("/v1/feed", Handlers.websocket((exchange, channel) -> {
                            sockets.add(channel);
                            channel.addCloseTask(sockets::remove);
                            channel.resumeReceives();
                        }))
                        .addExactPath("/broadcast", exchange -> {
                            Deque<String> seq = exchange.getQueryParameters().get("seq");
                            String frame = BenchFrames.frame(Long.parseLong(seq.peekFirst()), System.currentTimeMillis());
                            for (WebSocketChannel socket : sockets) {
                                WebSockets.sendText(frame, socket, null);
                            }
                            exchange.getResponseSender().send(Integer.toString(sockets.size()));
                        }))
                .build();
        server.start();
        int port = ((java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println("PORT " + port);
    }
}
