package io.streamrec.processor;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.RecommendedItem;
import io.streamrec.schemas.Recommendations;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Recomputes a user's recommendations on each of the user's interactions, under the strategy in force.
 *
 * <p>Walking-skeleton scoring: the only candidate source so far is {@link CandidateSource#PINNED} (the strategy's
 * pinned items for the user's segment, which is {@value Strategy#DEFAULT_SEGMENT} for everyone). Similar, popular
 * and trending candidates, time decay and experiment groups are not implemented yet; the per-user history kept in
 * the {@value #STORE} store is what similar candidates will start from. The work per event is bounded: one history
 * read and write, and a pass over the pinned list.
 */
final class Recommender implements Processor<String, Interaction, String, Recommendations> {
    static final String STORE = "recent-items";

    private final Supplier<ActiveStrategy> strategies;
    private KeyValueStore<String, RecentItems> history;
    private ProcessorContext<String, Recommendations> context;

    Recommender(Supplier<ActiveStrategy> strategies) {
        this.strategies = strategies;
    }

    @Override
    public void init(ProcessorContext<String, Recommendations> context) {
        this.context = context;
        this.history = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        Interaction interaction = record.value();
        String userId = record.key();
        RecentItems previous = history.get(userId);
        RecentItems recent = (previous == null ? RecentItems.empty() : previous)
                .with(interaction.getItemId(), interaction.getEventTime());
        history.put(userId, recent);

        ActiveStrategy active = strategies.get();
        Recommendations recommendations = Recommendations.newBuilder()
                .setUserId(userId)
                .setItems(recommend(active.strategy(), Strategy.DEFAULT_SEGMENT, recent::contains))
                .setStrategy(active.strategy().name())
                .setStrategyVersion(active.version())
                .setExperimentGroup(null)
                .setGeneratedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setTriggerEventId(interaction.getEventId())
                .setTriggerEventTime(interaction.getEventTime())
                .build();
        context.forward(record.withValue(recommendations));
    }

    /**
     * The best items for a user of {@code segment}: the pinned items, scored {@code pinned weight × (n − i) / n} for
     * the i-th of n so that their order is kept; without the strategy's excluded items, without {@code seen} ones
     * when the strategy filters seen items, at most {@code topN}.
     */
    static List<RecommendedItem> recommend(Strategy strategy, String segment, Predicate<String> seen) {
        CandidateScores candidates = new CandidateScores();
        List<String> pinned = strategy.pinnedFor(segment);
        double pinnedWeight = strategy.weightOf(CandidateSource.PINNED);
        for (int i = 0; i < pinned.size(); i++) {
            candidates.add(pinned.get(i), CandidateSource.PINNED, pinnedWeight * (pinned.size() - i) / pinned.size());
        }
        Predicate<String> excluded = strategy.excludedItems()::contains;
        if (strategy.filterSeen()) {
            excluded = excluded.or(seen);
        }
        return candidates.top(strategy.topN(), excluded);
    }
}
