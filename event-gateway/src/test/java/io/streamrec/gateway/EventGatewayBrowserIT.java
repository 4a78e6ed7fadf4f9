package io.streamrec.gateway;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.HeadlessChromium;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser snippet in a real headless Chromium: a page on another origin loads {@code /streamrec.js} from the
 * gateway, tracks events, and leaves (pagehide); the events must arrive in the topic with the snippet's eventIds.
 */
@WithSchemaRegistry
@WithEtcd
class EventGatewayBrowserIT {
    private static EventGateway gateway;
    private static Undertow pageServer;
    private static String pageOrigin;
    private static String bootstrapServers;
    private static AvroSerde<Interaction> serde;
    private ChromeDriver browser;

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry, EtcdTestServer etcd) throws Exception {
        kafka.createStreamrecTopics();
        bootstrapServers = kafka.bootstrapServers();
        serde = AvroSerde.forValues(registry.client(), Interaction.class);
        pageServer = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            String page = exchange.getQueryParameters().get("page").getFirst();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
            exchange.getResponseSender().send(page(page));
        }).build();
        pageServer.start();
        int pagePort = ((InetSocketAddress) pageServer.getListenerInfo().get(0).getAddress()).getPort();
        pageOrigin = "http://127.0.0.1:" + pagePort;
        Map<String, String> overrides = new HashMap<>();
        overrides.putAll(kafka.config());
        overrides.putAll(registry.config());
        overrides.putAll(etcd.config());
        overrides.put("streamrec.gateway.host", "127.0.0.1");
        overrides.put("streamrec.gateway.port", "0");
        overrides.put("streamrec.gateway.allowed-origins", pageOrigin);
        overrides.put("streamrec.gateway.api-keys", "a-server-key-that-browsers-never-see");
        gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (pageServer != null) {
            pageServer.stop();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void eventsTrackedOnAPageArriveInTheTopicWhenThePageIsLeft() {
        browser.get(pageOrigin + "/?page=beacon");
        @SuppressWarnings("unchecked")
        List<String> eventIds = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [streamrec.track('view', 'item-1', {page: 'product', position: 3}),"
                        + " streamrec.track('add_to_cart', 'item-1')];");

        browser.get("about:blank");  // pagehide: the snippet flushes its queue with sendBeacon

        List<Interaction> events = Poll.until(Duration.ofSeconds(20), () -> eventsOf("u-browser-beacon"),
                found -> found.size() >= 2);
        assertThat(events).extracting(Interaction::getEventId).containsExactlyElementsOf(eventIds);
        assertThat(events.get(0).getItemId()).isEqualTo("item-1");
        assertThat(events.get(0).getContext()).containsEntry("page", "product").containsEntry("position", "3");
        assertThat(events.get(1).getType().name()).isEqualTo("add_to_cart");
    }

    @Test
    void withoutSendBeaconTheSnippetFallsBackToFetchWithKeepalive() {
        browser.get(pageOrigin + "/?page=fetch");
        String eventId = (String) ((JavascriptExecutor) browser).executeScript(
                "return streamrec.track('purchase', 'item-2');");

        browser.get("about:blank");

        List<Interaction> events = Poll.until(Duration.ofSeconds(20), () -> eventsOf("u-browser-fetch"),
                found -> !found.isEmpty());
        assertThat(events).extracting(Interaction::getEventId).containsExactly(eventId);
    }

    private static List<Interaction> eventsOf(String userId) {
        return InteractionsTopic.read(bootstrapServers, serde, event -> event.getUserId().equals(userId));
    }

    /**
     * A shop page on another origin than the gateway. "fetch" removes sendBeacon before the snippet loads and names
     * the gateway explicitly, as the demo page does; "beacon" relies on the default, the script's own gateway.
     */
    private static String page(String variant) {
        String gateway = "http://127.0.0.1:" + EventGatewayBrowserIT.gateway.port();
        String noBeacon = variant.equals("fetch") ? "<script>navigator.sendBeacon = undefined;</script>" : "";
        return "<!doctype html><html><head><title>shop</title>" + noBeacon
                + "<script src=\"" + gateway + "/streamrec.js\"></script>"
                + "<script>streamrec.init({userId: 'u-browser-" + variant + "', flushIntervalMs: 60000"
                + (variant.equals("fetch") ? ", endpoint: '" + gateway + "'" : "") + "});</script>"
                + "</head><body>shop</body></html>";
    }
}
