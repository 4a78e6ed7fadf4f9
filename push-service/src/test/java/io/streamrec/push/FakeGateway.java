package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stands in for the event gateway, which is another module: it answers CORS for one page origin, has no
 * {@code /streamrec.js} (so the page takes its fetch fallback), and hands every event of {@code POST /v1/events}
 * to a reaction, which in the test produces the recommendations the real processor would.
 */
final class FakeGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Undertow server;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Consumer<JsonNode> reaction;
    private volatile String allowedOrigin = "";

    FakeGateway(Consumer<JsonNode> reaction) {
        this.reaction = reaction;
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(this::handle).build();
        server.start();
    }

    String url() {
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return "http://127.0.0.1:" + address.getPort();
    }

    void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    private void handle(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            // producing to Kafka blocks
            exchange.dispatch(this::handle);
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (allowedOrigin.equals(origin)) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Origin"), origin);
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Headers"), "Content-Type");
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Methods"), "POST");
        }
        if (Methods.OPTIONS.equals(exchange.getRequestMethod())) {
            exchange.setStatusCode(204).endExchange();
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod()) || !exchange.getRequestPath().equals("/v1/events")) {
            exchange.setStatusCode(404).endExchange();
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            try {
                JsonNode event = JSON.readTree(body);
                events.add(event);
                reaction.accept(event);
                ex.setStatusCode(202);
                ex.getResponseSender().send("{\"accepted\":1,\"rejected\":[]}");
            } catch (Exception e) {
                ex.setStatusCode(400);
                ex.getResponseSender().send("{\"error\":" + io.streamrec.common.http.Json.quote(e.toString()) + "}");
            }
        });
    }

    @Override
    public void close() {
        server.stop();
    }
}
