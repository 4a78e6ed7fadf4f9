package io.streamrec.cli.replay;

import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a replay of one target does: move its consumer group to {@code from}, delete what must be rebuilt, then
 * process until {@code to}. Printed as is by {@code --dry-run}.
 */
public record ReplayPlan(String target, String group, String topic, Map<TopicPartition, Long> from,
                         Map<TopicPartition, Long> to, List<String> topicsToDelete, Optional<Path> stateToDelete) {

    /** Offsets to process; transactional topics count their commit markers too. */
    public long offsets() {
        return from.entrySet().stream().mapToLong(e -> Math.max(0, to.get(e.getKey()) - e.getValue())).sum();
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("replay ").append(target).append(": consumer group ").append(group).append(" on ").append(topic)
                .append(", ").append(offsets()).append(" offsets\n");
        new TreeMap<>(from.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().partition(), Map.Entry::getValue))).forEach((partition, offset) ->
                text.append("  partition ").append(partition).append(": reset to offset ").append(offset)
                        .append(", process to ").append(to.get(new TopicPartition(topic, partition))).append('\n'));
        topicsToDelete.forEach(t -> text.append("  delete internal topic ").append(t).append('\n'));
        stateToDelete.ifPresent(p -> text.append("  delete local state ").append(p).append('\n'));
        return text.toString();
    }
}
