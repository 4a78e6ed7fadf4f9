package io.streamrec.cli.replay;

import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Kafka side of a replay, with the semantics of kafka-streams-application-reset: it refuses while the group has
 * live members, moves the group's committed offsets, and deletes the internal topics (every topic named
 * {@code <application-id>-*}: changelogs, repartition topics and the processor's published item rows) and local
 * state the target rebuilds from its input.
 */
public final class GroupReplay {
    private final Admin admin;

    public GroupReplay(Admin admin) {
        this.admin = admin;
    }

    public ReplayPlan plan(String target, String group, String topic, Position from, Position to,
                           String internalTopicPrefix, Optional<Path> stateDir) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> earliest = offsets(partitions, tp -> OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(partitions, tp -> OffsetSpec.latest());
        Map<TopicPartition, Long> fromOffsets = resolve(partitions, from, earliest, latest);
        Map<TopicPartition, Long> toOffsets = resolve(partitions, to, earliest, latest);
        List<String> internal = internalTopicPrefix == null ? List.of() : await(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(internalTopicPrefix))
                .sorted().toList();
        return new ReplayPlan(target, group, topic, committed(group, partitions), fromOffsets, toOffsets,
                fromOffsets.equals(earliest), internal, stateDir.filter(Files::exists));
    }

    /** How many members the group has now: a running target has at least one. */
    public int liveMembers(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new StartupException("cannot describe consumer group " + group + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }

    /** Moves the group to the plan's start and deletes what is rebuilt. */
    public void reset(ReplayPlan plan) throws IOException {
        Map<TopicPartition, OffsetAndMetadata> offsets = plan.from().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        await(admin.alterConsumerGroupOffsets(plan.group(), offsets).all());
        if (!plan.topicsToDelete().isEmpty()) {
            await(admin.deleteTopics(plan.topicsToDelete()).all());
        }
        if (plan.stateToDelete().isPresent()) {
            try (Stream<Path> files = Files.walk(plan.stateToDelete().get())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** How many of the plan's offsets the group has committed so far. */
    public long committed(ReplayPlan plan) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(plan.group()).partitionsToOffsetAndMetadata());
        return plan.from().entrySet().stream().mapToLong(e -> {
            OffsetAndMetadata at = committed.get(e.getKey());
            long to = plan.to().get(e.getKey());
            return at == null ? 0 : Math.max(0, Math.min(at.offset(), to) - e.getValue());
        }).sum();
    }

    /** The group's committed offset per partition of the topic; a partition without one is absent. */
    private Map<TopicPartition, Long> committed(String group, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((tp, at) -> {
            if (at != null && partitions.contains(tp)) {
                offsets.put(tp, at.offset());
            }
        });
        return offsets;
    }

    /**
     * Polls until the group has committed every offset of the plan. Fails once the target running the replay has not
     * been ready for {@code notReadyLimit}: a target whose consumer died would otherwise leave the replay waiting
     * forever. It starts not ready, since it has to join its group first.
     */
    public void awaitCommitted(ReplayPlan plan, LongConsumer progress, BooleanSupplier targetReady,
                               Duration notReadyLimit) throws InterruptedException {
        long total = plan.offsets();
        long readyAt = System.nanoTime();
        for (long done = committed(plan); done < total; done = committed(plan)) {
            progress.accept(done);
            if (targetReady.getAsBoolean()) {
                readyAt = System.nanoTime();
            } else if (System.nanoTime() - readyAt > notReadyLimit.toNanos()) {
                throw new StartupException("the " + plan.target() + " has not been ready for " + notReadyLimit.toSeconds()
                        + " s, so the replay cannot finish (" + done + " of " + total + " offsets committed): see its log"
                        + " above, fix the cause and run the replay again");
            }
            Thread.sleep(200);
        }
        progress.accept(total);
    }

    private List<TopicPartition> partitions(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, Function<TopicPartition, OffsetSpec> spec) {
        Map<TopicPartition, ListOffsetsResultInfo> answers =
                await(admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, spec))).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private Map<TopicPartition, Long> resolve(List<TopicPartition> partitions, Position position,
                                              Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest) {
        Map<TopicPartition, Long> answered = offsets(partitions, tp -> position.spec());
        return partitions.stream().collect(Collectors.toMap(tp -> tp,
                tp -> position.resolve(answered.get(tp), earliest.get(tp), latest.get(tp))));
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new StartupException("Kafka refused: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }
}
