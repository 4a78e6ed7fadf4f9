package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.gateway.EventGateway;
import io.streamrec.gateway.GatewayConfig;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.KafkaTestCluster;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code streamrec simulate} against a real gateway: its events arrive in {@code interactions} as browsers' would. */
@WithSchemaRegistry
@WithEtcd
class SimulateCommandIT {
    private static final Pattern ACCEPTED = Pattern.compile("accepted (\\d+), rejected 0, failed 0");
    /** The bar's count and max, then the speed: {@code simulate 100% [====] 240/240 events (0:00:04 / 0:00:00) 60.0 events/s}. */
    private static final Pattern BAR = Pattern.compile("^simulate +\\d+% \\[.*] (\\d+)/(\\d+) events \\(.*\\) [\\d.]+ events/s$");

    @Test
    void shoppersGoThroughTheGatewayWithZipfPopularityAndFunnels(KafkaTestCluster kafka, TestSchemaRegistry registry,
                                                                 EtcdTestServer etcd, @TempDir Path dir) throws Exception {
        kafka.createStreamrecTopics();
        Map<String, String> settings = new HashMap<>(kafka.config());
        settings.putAll(registry.config());
        settings.putAll(etcd.config());
        settings.put("streamrec.gateway.host", "127.0.0.1");
        settings.put("streamrec.gateway.port", "0");
        Path catalogue = dir.resolve("catalog.json");
        CommandRun simulate;
        try (EventGateway gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), settings))) {
            gateway.start();
            simulate = CommandRun.withoutConfig("simulate", "--users", "30", "--items", "40",
                    "--rate", "60", "--duration", "4", "--gateway", "http://127.0.0.1:" + gateway.port(),
                    "--catalogue", catalogue.toString());
        }

        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        Matcher summary = ACCEPTED.matcher(simulate.out());
        assertThat(summary.find()).as(simulate.out()).isTrue();
        long accepted = Long.parseLong(summary.group(1));
        assertThat(accepted).as(simulate.out()).isGreaterThan(100);
        assertThat(simulate.out().lines().filter(l -> l.startsWith("accepted")))
                .as("one summary at the end; the progress bar shows the counts meanwhile").hasSize(1);
        List<String> bar = simulate.err().lines().toList();
        assertThat(bar).as("off a terminal, the bar is a line every 5 s, not a redraw per update")
                .hasSizeBetween(1, 3).allMatch(line -> line.startsWith("simulate "));
        assertThat(simulate.err()).doesNotContain("\r");
        Matcher last = BAR.matcher(bar.get(bar.size() - 1));
        assertThat(last.find()).as(bar.get(bar.size() - 1)).isTrue();
        assertThat(Long.parseLong(last.group(1))).as("the bar ends on the accepted events").isEqualTo(accepted);
        assertThat(Long.parseLong(last.group(2))).as("out of rate x duration").isGreaterThanOrEqualTo(240);
        List<Interaction> events = kafka.consume(Topics.INTERACTIONS.name(), new StringDeserializer(),
                        AvroSerde.forValues(registry.client(), Interaction.class), (int) accepted, Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
        assertThat(events).allSatisfy(e -> assertThat(e.getContext()).containsEntry("source", "streamrec-simulate"));
        assertThat(events).extracting(e -> e.getUserId()).allMatch(u -> u.matches("user-([1-9]|[12]\\d|30)"));

        Map<String, Long> views = events.stream().filter(e -> e.getType().name().equals("view"))
                .collect(Collectors.groupingBy(Interaction::getItemId, Collectors.counting()));
        assertThat(views.entrySet()).as("item-1 is the most popular under Zipf")
                .allSatisfy(e -> assertThat(views.get("item-1")).isGreaterThanOrEqualTo(e.getValue()));
        Map<String, Long> types = events.stream().collect(Collectors.groupingBy(e -> e.getType().name(), Collectors.counting()));
        assertThat(types.keySet()).contains("view", "click", "add_to_cart");
        assertThat(types.get("view")).as("a funnel narrows").isGreaterThan(types.get("click"));
        assertThat(types.get("click")).isGreaterThan(types.get("add_to_cart"));
        assertThat(types.get("add_to_cart")).isGreaterThanOrEqualTo(types.getOrDefault("purchase", 0L));

        JsonNode names = new ObjectMapper().readTree(Files.readString(catalogue));
        assertThat(names).hasSize(40);
        assertThat(names.get(0).path("itemId").asText()).isEqualTo("item-1");
        assertThat(names.get(0).path("name").asText()).isEqualTo("Walnut Desk Lamp");
    }

    @Test
    void exitsWithThreeWhenNoEventIsAccepted() {
        CommandRun simulate = CommandRun.withoutConfig("simulate", "--rate", "20",
                "--duration", "1", "--gateway", "http://127.0.0.1:1");

        assertThat(simulate.exitCode()).isEqualTo(SimulateCommand.EXIT_NOTHING_ACCEPTED);
        assertThat(simulate.out()).containsPattern("accepted 0, rejected 0, failed \\d+");
        assertThat(simulate.err()).as("the bar shows the failures as they happen")
                .containsPattern("simulate +0% .* 0/20 events .* failed \\d+");
    }
}
