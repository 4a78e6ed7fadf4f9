package io.streamrec.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Recommendations;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.HeadlessChromium;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real headless Chromium against the real push service, broker and registry. The gateway and
 * the processor belong to other modules, so a {@link FakeGateway} in this JVM accepts the page's events and
 * produces the recommendations the processor would: the item acted on, first.
 */
@WithSchemaRegistry
class LivePageIT {
    private static final String SECRET = "live-page-it-secret-0123456789abcdef-xyz";
    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(20);
    private static final Duration STRATEGY_SHOWN_WITHIN = Duration.ofSeconds(1);
    private static final AtomicInteger USERS = new AtomicInteger();

    private static KafkaProducer<String, Recommendations> producer;
    private static FakeGateway gateway;
    private static PushService push;
    private ChromeDriver browser;

    @BeforeAll
    static void start(KafkaTestCluster kafka, TestSchemaRegistry registry) throws Exception {
        kafka.createStreamrecTopics();
        producer = kafka.producer(new StringSerializer(), AvroSerde.forValues(registry.client(), Recommendations.class));
        gateway = new FakeGateway(LivePageIT::recommendAfter);
        Map<String, String> config = new HashMap<>(kafka.config());
        config.putAll(registry.config());
        config.put("streamrec.push.host", "127.0.0.1");
        config.put("streamrec.push.port", "0");
        config.put("streamrec.push.token-secret", SECRET);
        config.put("streamrec.push.demo-mode", "true");
        config.put("streamrec.push.gateway-url", gateway.url());
        push = new PushService(ConfigLoader.load(PushConfig.class, Optional.empty(), config));
        push.start();
        gateway.allowOrigin(pageOrigin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (push != null) {
            push.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void clickingAnItemSendsItThroughTheGatewayAndTheFeedShowsTheNewRecommendations() {
        String user = openPageAsNewUser();

        click("#catalog", "view", "item-3");

        WebElement recommended = await(By.cssSelector("#recs li[data-item='item-3']"));
        assertThat(recommended.findElement(By.className("name")).getText()).isEqualTo("Waterproof shell jacket");
        assertThat(recommended.findElement(By.className("sources")).getText()).contains("similar 0.70");
        assertThat(gateway.events()).anySatisfy(event -> {
            assertThat(event.get("userId").asText()).isEqualTo(user);
            assertThat(event.get("itemId").asText()).isEqualTo("item-3");
            assertThat(event.get("type").asText()).isEqualTo("view");
            assertThat(event.get("eventId").asText()).isNotBlank();
        });
        await(By.xpath("//*[@id='latency-basis'][text()='event → screen']"));
        assertThat(text("#tracker-mode")).isEqualTo("direct POST /v1/events");
        assertThat(browser.findElements(By.cssSelector("#chart rect.bar"))).hasSize(1);

        click("#recs", "purchase", "item-3");
        waitUntil(() -> browser.findElements(By.cssSelector("#chart rect.bar")).size() == 2);
        assertThat(text("#last-action")).isEqualTo("purchase item-3: accepted (202)");
    }

    @Test
    void aNewStrategyShowsOnThePageWithinOneSecond() throws Exception {
        String user = openPageAsNewUser();
        click("#catalog", "add_to_cart", "item-7");
        await(By.cssSelector("#recs li[data-item='item-7']"));

        long start = System.nanoTime();
        send(Recommendations.newBuilder()
                .setUserId(user)
                .setItems(List.of(item("item-12", 0.9, Map.of("trending", 0.9)), item("item-7", 0.4, Map.of("similar", 0.4))))
                .setStrategy("summer-sale").setStrategyVersion(7).setExperimentGroup("B")
                .setGeneratedAt(Instant.now()).setTriggerEventTime(Instant.now())
                .build());
        new WebDriverWait(browser, STRATEGY_SHOWN_WITHIN, Duration.ofMillis(10))
                .until(driver -> "summer-sale".equals(text("#strategy")));
        Duration shownAfter = Duration.ofNanos(System.nanoTime() - start);

        assertThat(shownAfter).isLessThan(STRATEGY_SHOWN_WITHIN);
        assertThat(text("#strategy-version")).isEqualTo("7");
        assertThat(text("#experiment-group")).isEqualTo("B");
        assertThat(browser.findElements(By.cssSelector("#recs li")).get(0).getDomAttribute("data-item"))
                .isEqualTo("item-12");
    }

    @Test
    void aScreenshotOfThePageIsSavedUnderTarget() throws Exception {
        openPageAsNewUser();
        for (String itemId : List.of("item-1", "item-5", "item-9")) {
            click("#catalog", "view", itemId);
            await(By.cssSelector("#recs li[data-item='" + itemId + "']"));
        }

        Path screenshot = Path.of("target", "live-page.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);

        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private String openPageAsNewUser() {
        String user = "page-user-" + USERS.incrementAndGet();
        browser.get(pageOrigin() + "/?user=" + user);
        await(By.cssSelector("#status[data-state='connected']"));
        assertThat(text("#user")).isEqualTo(user);
        // the tracker is ready once it knows which way it sends
        waitUntil(() -> !text("#tracker-mode").startsWith("loading"));
        return user;
    }

    private void click(String section, String action, String itemId) {
        browser.findElement(By.cssSelector(section + " button[data-action='" + action + "'][data-item='" + itemId + "']"))
                .click();
    }

    private WebElement await(By locator) {
        return new WebDriverWait(browser, PAGE_DEADLINE).until(driver -> {
            List<WebElement> found = driver.findElements(locator);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PAGE_DEADLINE).until(driver -> condition.getAsBoolean());
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static String pageOrigin() {
        return "http://127.0.0.1:" + push.port();
    }

    /** What the processor would do with the event: put the item first and say which event caused it. */
    private static void recommendAfter(JsonNode event) {
        String itemId = event.get("itemId").asText();
        send(Recommendations.newBuilder()
                .setUserId(event.get("userId").asText())
                .setItems(List.of(item(itemId, 0.95, Map.of("similar", 0.7, "popular", 0.25)),
                        item("item-20", 0.5, Map.of("popular", 0.5))))
                .setStrategy("default").setStrategyVersion(1).setExperimentGroup("A")
                .setGeneratedAt(Instant.now())
                .setTriggerEventId(event.get("eventId").asText())
                .setTriggerEventTime(Instant.now())
                .build());
    }

    private static RecommendedItem item(String itemId, double score, Map<String, Double> sources) {
        return RecommendedItem.newBuilder().setItemId(itemId).setScore(score).setSources(sources).build();
    }

    private static void send(Recommendations recommendations) {
        try {
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), recommendations.getUserId(),
                    recommendations)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce recommendations", e.getCause());
        }
    }
}
