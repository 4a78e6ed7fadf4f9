package io.streamrec.cli;

import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.kafka.TopicSpec;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create or describe Streamrec's topics with their documented partitions, retention and compaction.",
                "The declarations are Topics.java in schemas/, documented in docs/architecture.md (section Topics).",
                "Exit codes: 0 ok, 1 Kafka unreachable, 2 usage, 4 (describe) a topic is missing or differs."})
final class TopicsCommand {
    static final int EXIT_DIFFERS = 4;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the topics that do not exist yet; existing ones are left alone.")
    int create() {
        try (Admin admin = admin()) {
            Set<String> before = existing(admin);
            KafkaAdmin.ensureTopics(admin, Topics.all());
            for (TopicSpec topic : Topics.all()) {
                out().printf("%-24s %s%n", topic.name(), before.contains(topic.name())
                        ? "exists (left as it is: 'streamrec topics describe' compares it with the declaration)" : "created");
            }
        }
        return 0;
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Show each topic as it is in Kafka next to its declaration.",
                    "Exit codes: 0 all match, 4 a topic is missing or differs."})
    int describe() {
        try (Admin admin = admin()) {
            Set<String> existing = existing(admin);
            PrintWriter out = out();
            out.printf("%-24s %-10s %-8s %-8s %-14s %s%n", "topic", "partitions", "replicas", "cleanup", "retention.ms", "status");
            boolean allMatch = true;
            for (TopicSpec spec : Topics.all()) {
                if (!existing.contains(spec.name())) {
                    out.printf("%-24s %-10s %-8s %-8s %-14s %s%n", spec.name(), "-", "-", "-", "-", "MISSING");
                    allMatch = false;
                    continue;
                }
                TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
                Config actual = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get().values().iterator().next();
                List<String> differences = differences(spec, description, actual);
                allMatch &= differences.isEmpty();
                out.printf("%-24s %-10d %-8d %-8s %-14s %s%n", spec.name(), description.partitions().size(),
                        description.partitions().get(0).replicas().size(), actual.get("cleanup.policy").value(),
                        actual.get("retention.ms").value(), differences.isEmpty() ? "ok" : "DIFFERS: " + String.join("; ", differences));
            }
            return allMatch ? 0 : EXIT_DIFFERS;
        } catch (ExecutionException e) {
            throw new StartupException("cannot describe the topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }

    private static List<String> differences(TopicSpec spec, TopicDescription description, Config actual) {
        List<String> differences = new ArrayList<>();
        if (description.partitions().size() != spec.partitions()) {
            differences.add("partitions " + description.partitions().size() + ", declared " + spec.partitions());
        }
        for (Map.Entry<String, String> declared : spec.configs().entrySet()) {
            String value = actual.get(declared.getKey()).value();
            if (!declared.getValue().equals(value)) {
                differences.add(declared.getKey() + "=" + value + ", declared " + declared.getValue());
            }
        }
        return differences;
    }

    private Admin admin() {
        ToolConfig tool = config.load(ToolConfig.class);
        KafkaAdmin.awaitReachable(tool.kafka());
        return KafkaAdmin.create(tool.kafka(), "streamrec-topics");
    }

    private static Set<String> existing(Admin admin) {
        try {
            return admin.listTopics().names().get().stream().collect(Collectors.toSet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Set.of();
            }
            throw new StartupException("cannot list topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
