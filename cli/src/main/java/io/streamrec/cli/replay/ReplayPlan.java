package io.streamrec.cli.replay;

import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a replay of one target does: move its consumer group from its {@code committed} offsets to {@code from},
 * delete what must be rebuilt, then process until {@code to}. Printed as is by {@code --dry-run}.
 *
 * @param fromEarliest whether {@code from} is the start of every partition, so deleted state is rebuilt in full
 */
public record ReplayPlan(String target, String group, String topic, Map<TopicPartition, Long> committed,
                         Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, boolean fromEarliest,
                         List<String> topicsToDelete, Optional<Path> stateToDelete) {

    /** Offsets to process; transactional topics count their commit markers too. */
    public long offsets() {
        return from.entrySet().stream().mapToLong(e -> Math.max(0, to.get(e.getKey()) - e.getValue())).sum();
    }

    /** The partitions whose end comes before their start, which a replay cannot mean. */
    public List<Integer> endsBeforeStart() {
        return from.entrySet().stream().filter(e -> to.get(e.getKey()) < e.getValue())
                .map(e -> e.getKey().partition()).sorted().toList();
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("replay ").append(target).append(": consumer group ").append(group).append(" on ").append(topic)
                .append(", ").append(offsets()).append(" offsets\n");
        new TreeMap<>(from.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().partition(), Map.Entry::getValue))).forEach((partition, offset) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            text.append("  partition ").append(partition).append(": committed ")
                    .append(committed.containsKey(tp) ? committed.get(tp).toString() : "none")
                    .append(", reset to offset ").append(offset).append(", process to ").append(to.get(tp)).append('\n');
        });
        topicsToDelete.forEach(t -> text.append("  delete internal topic ").append(t).append('\n'));
        stateToDelete.ifPresent(p -> text.append("  delete local state ").append(p).append('\n'));
        if (!topicsToDelete.isEmpty()) {
            text.append("  note: instances on other hosts keep their own local state: delete it there before they start"
                    + " again, as with kafka-streams-application-reset\n");
        }
        if (!fromEarliest && (!topicsToDelete.isEmpty() || stateToDelete.isPresent())) {
            text.append("  note: the deleted state is rebuilt from --from on only; what it held from earlier records"
                    + " is gone (use --from earliest for a full rebuild)\n");
        }
        return text.toString();
    }
}
