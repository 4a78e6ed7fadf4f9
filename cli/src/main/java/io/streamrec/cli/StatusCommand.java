package io.streamrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"List the live service instances (etcd registrations) with their readiness, and consumer lag.",
                "An instance is listed while its lease lives: a killed one disappears within the 10 s lease TTL.",
                "Exit codes: 0 every instance is ready, 1 etcd or Kafka unreachable, 4 an instance is not ready."})
final class StatusCommand implements Callable<Integer> {
    static final int EXIT_NOT_READY = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ToolConfig tool = config.load(ToolConfig.class);
        PrintWriter out = spec.commandLine().getOut();
        boolean allReady = printInstances(tool, out);
        out.println();
        printLag(tool, out);
        return allReady ? 0 : EXIT_NOT_READY;
    }

    private boolean printInstances(ToolConfig tool, PrintWriter out) throws Exception {
        List<KeyValue> instances;
        try (Client client = EtcdClients.connect(tool.etcd())) {
            instances = client.getKVClient().get(bytes(ServiceRegistration.PREFIX), GetOption.builder().isPrefix(true).build())
                    .get(tool.etcd().startupTimeoutMs(), TimeUnit.MILLISECONDS).getKvs();
        } catch (TimeoutException | ExecutionException e) {
            throw new StartupException("cannot reach etcd at " + tool.etcd().endpoints() + ": " + e, e);
        }
        out.printf("%-18s %-28s %-28s %-8s %-26s %s%n", "SERVICE", "INSTANCE", "URL", "VERSION", "STARTED", "READY");
        boolean allReady = true;
        for (KeyValue kv : instances) {
            JsonNode instance = JSON.readTree(string(kv.getValue()));
            boolean ready = ReadinessProbe.isReady(instance.path("url").asText());
            allReady &= ready;
            out.printf("%-18s %-28s %-28s %-8s %-26s %s%n", instance.path("service").asText(),
                    instance.path("instanceId").asText(), instance.path("url").asText(),
                    instance.path("version").asText(), instance.path("startedAt").asText(), ready ? "UP" : "DOWN");
        }
        if (instances.isEmpty()) {
            out.println("(no instance registered)");
        }
        return allReady;
    }

    private static void printLag(ToolConfig tool, PrintWriter out) throws Exception {
        KafkaAdmin.awaitReachable(tool.kafka());
        try (Admin admin = KafkaAdmin.create(tool.kafka(), "streamrec-status")) {
            out.printf("%-32s %s%n", "CONSUMER GROUP", "LAG");
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                        .stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
                long lag = committed.entrySet().stream().filter(e -> e.getValue() != null)
                        .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset())).sum();
                out.printf("%-32s %d%n", group.groupId(), lag);
            }
        }
    }
}
