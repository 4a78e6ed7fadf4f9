package io.streamrec.gateway;

import io.streamrec.common.config.ConfigLoader;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.testkit.EtcdTestServer;
import io.streamrec.testkit.Poll;
import io.streamrec.testkit.TestSchemaRegistry;
import io.streamrec.testkit.WithEtcd;
import io.streamrec.testkit.WithSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka stops in the middle of a steady load: the gateway must answer 503 (never hang, never 202 for an event it
 * could not write), and once the broker is back the topic must hold every event answered 202 (none lost) and nothing
 * the test did not send (none invented), each once. The broker is our own {@link RestartableBroker} (the registry
 * comes from testkit), since the topic can only be counted after the outage.
 *
 * <p>The counts are equal except for one window no at-least-once producer can close: a request in flight when the
 * broker dies may be written to the log while its acknowledgement is lost. Its client hears 503 and resends with the
 * same eventIds, which consumers deduplicate. So the topic may hold at most the in-flight requests' events (one
 * request per client here) beyond those answered 202, and only events that were answered 503.
 */
@WithSchemaRegistry
@WithEtcd
class EventGatewayKafkaOutageIT {
    private static final Logger log = LoggerFactory.getLogger(EventGatewayKafkaOutageIT.class);
    private static final int CLIENTS = 6;
    private static final int EVENTS_PER_REQUEST = 3;

    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> answered202 = ConcurrentHashMap.newKeySet();
    private final Set<String> answered503 = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void whenKafkaStopsMidLoadClientsGet503AndNoAcceptedEventIsLostNorAnyInvented(TestSchemaRegistry registry,
                                                                                EtcdTestServer etcd) throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "outage-kafka");
        try (RestartableBroker kafka = RestartableBroker.start(directory)) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("streamrec.kafka.bootstrap-servers", kafka.bootstrapServers());
            overrides.putAll(registry.config());
            overrides.putAll(etcd.config());
            overrides.put("streamrec.gateway.host", "127.0.0.1");
            overrides.put("streamrec.gateway.port", "0");
            overrides.put("streamrec.gateway.produce-timeout-ms", "2000");
            EventGateway gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, Optional.empty(), overrides));
            gateway.start();
            GatewayClient client = new GatewayClient(gateway.port());
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(load.submit(() -> sendWhile(running, client)));
                }
                Poll.until(Duration.ofSeconds(30), answered202::size, accepted -> accepted >= 300);

                kafka.stopBroker();
                int acceptedAtStop = answered202.size();
                Poll.until(Duration.ofSeconds(30), answered503::size, unavailable -> unavailable >= 30);
                running.set(false);
                for (Future<?> sender : clients) {
                    sender.get(30, TimeUnit.SECONDS);
                }
                log.atInfo().addKeyValue("statuses", statuses).addKeyValue("acceptedAtStop", acceptedAtStop)
                        .log("load over");
            } finally {
                running.set(false);
                load.shutdownNow();
                // no more writes after this: whatever is in the topic now was sent by this test
                gateway.close();
            }

            kafka.startBroker();
            List<ConsumerRecord<String, Interaction>> records = InteractionsTopic.records(kafka.bootstrapServers(),
                    AvroSerde.forValues(registry.client(), Interaction.class));
            List<String> inTopic = records.stream().map(r -> r.value().getEventId()).toList();
            log.atInfo().addKeyValue("inTopic", inTopic.size()).addKeyValue("answered202", answered202.size())
                    .addKeyValue("inTopicButAnswered503", inTopic.stream().filter(answered503::contains).count())
                    .addKeyValue("answered503", answered503.size()).log("counted");

            assertThat(statuses.keySet()).as("only 202 and 503 answers").containsOnly(202, 503);
            assertThat(inTopic).as("no event twice (idempotent producer)").doesNotHaveDuplicates();
            assertThat(inTopic).as("none invented").allMatch(sent::contains);
            assertThat(inTopic).as("none lost").containsAll(answered202);
            List<String> writtenButAnswered503 = inTopic.stream().filter(id -> !answered202.contains(id)).toList();
            assertThat(writtenButAnswered503).as("beyond the 202s: only events answered 503").allMatch(answered503::contains);
            assertThat(writtenButAnswered503.size()).as("beyond the 202s: at most the requests in flight at the stop")
                    .isLessThanOrEqualTo(CLIENTS * EVENTS_PER_REQUEST);
        }
    }

    private void sendWhile(AtomicBoolean running, GatewayClient client) {
        while (running.get()) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
                String id = "outage-" + sequence.incrementAndGet();
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(id)
                        .append("\",\"userId\":\"u").append(id.hashCode() % 50).append("\",\"itemId\":\"i1\",")
                        .append("\"type\":\"view\"}");
            }
            sent.addAll(ids);
            HttpResponse<String> response = client.post("/v1/events", "application/json", body.append("]").toString(),
                    Map.of());
            statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 202) {
                assertThat(response.body()).isEqualTo("{\"accepted\":" + EVENTS_PER_REQUEST + ",\"rejected\":[]}");
                answered202.addAll(ids);
            } else if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                answered503.addAll(ids);
            }
        }
    }
}
