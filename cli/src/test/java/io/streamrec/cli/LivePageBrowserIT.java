package io.streamrec.cli;

import io.etcd.jetcd.Client;
import io.streamrec.cli.embedded.EmbeddedPipeline;
import io.streamrec.cli.embedded.EmbeddedPorts;
import io.streamrec.processor.Strategy;
import io.streamrec.testkit.HeadlessChromium;
import io.streamrec.testkit.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real headless Chromium against the whole embedded pipeline, nothing stood in for: a click
 * goes through the gateway's JS snippet, Kafka and the processor back to the page's WebSocket, and a strategy put
 * in etcd reaches the page through the processor's re-emission and the push service.
 */
class LivePageBrowserIT {
    private static final String USER = "browser-user";
    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STRATEGY_SHOWN_WITHIN = Duration.ofSeconds(1);
    private static final String PINNED_ITEM = "item-40";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPipeline pipeline;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "live-page-browser");
        pipeline = EmbeddedPipeline.start(dataDir, EmbeddedPorts.ephemeral(), Optional.empty(), false);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aClickAndAStrategyPutReachThePageThroughTheRealPipeline() throws Exception {
        seedNeighboursOf("item-3", "item-5", "item-8");
        browser.get(pageUrl());
        await(By.cssSelector("#status[data-state='connected']"));
        assertThat(text("#user")).isEqualTo(USER);
        waitUntil(() -> !text("#tracker-mode").startsWith("loading"));
        assertThat(text("#tracker-mode")).as("events go through the gateway's streamrec.js").isEqualTo("gateway snippet");

        browser.findElement(By.cssSelector("#catalog button[data-action='view'][data-item='item-3']")).click();

        await(By.cssSelector("#recs li"));
        await(By.xpath("//*[@id='latency-basis'][text()='event → screen']"));
        assertThat(itemsShown()).as("item-3's neighbours, seen together by other users").contains("item-5", "item-8");
        assertThat(text("#strategy")).isEqualTo(Strategy.DEFAULT_NAME);
        long before = Long.parseLong(text("#strategy-version"));

        long putAt = System.nanoTime();
        long version = putStrategy("{\"pinned\": {\"default\": [\"" + PINNED_ITEM + "\"]}}");
        new WebDriverWait(browser, STRATEGY_SHOWN_WITHIN, Duration.ofMillis(10))
                .until(driver -> Long.toString(version).equals(text("#strategy-version")));
        Duration shownAfter = Duration.ofNanos(System.nanoTime() - putAt);

        assertThat(version).isGreaterThan(before);
        assertThat(shownAfter).as("put in etcd -> shown on the page").isLessThan(STRATEGY_SHOWN_WITHIN);
        assertThat(text("#strategy")).isEqualTo(Strategy.DEFAULT_NAME);
        assertThat(itemsShown().get(0)).as("the new version pins an item first").isEqualTo(PINNED_ITEM);
        System.out.printf("strategy put -> page shows version %d after %d ms%n", version, shownAfter.toMillis());

        saveScreenshot(Path.of("target", "live-page-browser.png"));
    }

    /** Other users view the item with others, so that the processor has neighbours to recommend after one click. */
    private static void seedNeighboursOf(String item, String... neighbours) throws Exception {
        int n = 0;
        for (String neighbour : neighbours) {
            String user = "neighbour-" + ++n;
            postEvent(user + "-a", user, item);
            postEvent(user + "-b", user, neighbour);
        }
        Poll.until(PAGE_DEADLINE, () -> similarTo(item), body -> List.of(neighbours).stream().allMatch(body::contains));
    }

    private static void postEvent(String eventId, String user, String item) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.urls().get("gateway") + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user
                        + "\",\"itemId\":\"" + item + "\",\"type\":\"view\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private static String similarTo(String item) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create(pipeline.urls().get("processor") + "/v1/items/" + item + "/similar")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a new version of the processor's strategy and returns it (the put's etcd revision). */
    private static long putStrategy(String json) throws Exception {
        try (Client etcd = Client.builder().endpoints(pipeline.urls().get("etcd")).build()) {
            return etcd.getKVClient().put(bytes(Strategy.ETCD_PREFIX + Strategy.DEFAULT_NAME), bytes(json))
                    .get(10, TimeUnit.SECONDS).getHeader().getRevision();
        }
    }

    private static String pageUrl() {
        return pipeline.urls().get("push").replace("localhost", "127.0.0.1") + "/?user=" + USER;
    }

    private static List<String> itemsShown() {
        return browser.findElements(By.cssSelector("#recs li")).stream().map(li -> li.getDomAttribute("data-item")).toList();
    }

    private static WebElement await(By locator) {
        return new WebDriverWait(browser, PAGE_DEADLINE).until(driver -> {
            List<WebElement> found = driver.findElements(locator);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PAGE_DEADLINE).until(driver -> condition.getAsBoolean());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void saveScreenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        byte[] png = Files.readAllBytes(file);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
