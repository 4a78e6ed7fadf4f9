package io.streamrec.processor;

import io.streamrec.processor.ItemUpdates.ItemUpdate;
import io.streamrec.processor.ItemUpdates.PartnerGain;
import io.streamrec.schemas.Interaction;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds an interaction into the user's bounded history (type, decayed affinity, time) and tells the item side what
 * changed: the item's popularity always; when the item is new to the history, one more occurrence for it and one more
 * co-occurrence with each of the {@code cooccurrence-window} most recent items already there (SAR's counts, over a
 * window of the history: items a user met far apart in time count as unrelated, and the item side's work per event
 * is bounded by the window rather than the history). Those increments are keyed by
 * item, so they are batched per partition of the item-updates topic: at most one record per partition and event.
 * Then the interaction goes on to the recommender with the updated history.
 */
final class HistoryUpdater implements Processor<String, Interaction, Object, Object> {
    static final String STORE = "user-histories";

    private final StrategyResolver strategies;
    private final TopologySettings settings;
    private final String itemUpdatesSink;
    private final String recommender;
    private KeyValueStore<String, RecentItems> histories;
    private ProcessorContext<Object, Object> context;

    HistoryUpdater(StrategyResolver strategies, TopologySettings settings, String itemUpdatesSink, String recommender) {
        this.strategies = strategies;
        this.settings = settings;
        this.itemUpdatesSink = itemUpdatesSink;
        this.recommender = recommender;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.histories = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        Interaction interaction = record.value();
        Strategy strategy = strategies.assign(record.key()).active().strategy();
        String itemId = interaction.getItemId();
        double weight = strategy.weightOf(interaction.getType());
        long at = interaction.getEventTime().toEpochMilli();

        RecentItems previous = histories.get(record.key());
        RecentItems history = previous == null ? RecentItems.empty() : previous;
        boolean isNew = !history.contains(itemId);
        List<String> partners = new ArrayList<>();
        if (isNew) {
            for (RecentItems.RecentItem item : history.items()) {
                if (partners.size() == settings.cooccurrenceWindow()) {
                    break;
                }
                partners.add(item.itemId());
            }
        }
        RecentItems updated = history.with(itemId, interaction.getType().name(), weight, at, strategy.halfLifeMs(),
                settings.historySize());
        histories.put(record.key(), updated);

        Map<Integer, List<String>> partnersByPartition = new HashMap<>();
        for (String partner : partners) {
            partnersByPartition.computeIfAbsent(partitionOf(partner), p -> new ArrayList<>()).add(partner);
        }
        int itemPartition = partitionOf(itemId);
        ItemUpdate update = new ItemUpdate(itemId, isNew ? 1 : 0, partners, weight, at);
        // stamped with the wall clock: item-updates has time retention, and a replay's event-time timestamps could be
        // older than it, which would let the broker delete increments before the item side has read them
        long now = context.currentSystemTimeMs();
        Set<Integer> targets = new TreeSet<>(partnersByPartition.keySet());
        targets.add(itemPartition);
        for (int partition : targets) {
            List<ItemUpdate> updates = partition == itemPartition ? List.of(update) : List.of();
            List<String> gainers = partnersByPartition.get(partition);
            List<PartnerGain> gains = gainers == null ? List.of() : List.of(new PartnerGain(itemId, gainers, at));
            context.forward(record.withKey((Object) Integer.toString(partition))
                    .withValue(new ItemUpdates(partition, updates, gains)).withTimestamp(now), itemUpdatesSink);
        }
        context.forward(record.withKey((Object) record.key()).withValue(new UpdatedHistory(interaction, updated)),
                recommender);
    }

    /** The partition Kafka's default partitioner would give the item id as a key. */
    private int partitionOf(String itemId) {
        return Utils.toPositive(Utils.murmur2(itemId.getBytes(StandardCharsets.UTF_8))) % settings.itemPartitions();
    }
}
