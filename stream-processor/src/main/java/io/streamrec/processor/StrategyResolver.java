package io.streamrec.processor;

import java.util.function.Supplier;

/**
 * Which strategy applies to a user, answered from memory on every event: the configured strategy, or the one of the
 * user's experiment group.
 */
interface StrategyResolver {

    /** The strategy and experiment group of a user. */
    Assignment assign(String userId);

    /** The processor's configured strategy: what item-side work that belongs to no user follows. */
    ActiveStrategy configured();

    /** Changes whenever any strategy or experiment a user may get changes: the trigger of re-emission. */
    long generation();

    /**
     * @param active          the strategy in force for the user
     * @param experimentGroup the user's group in the running experiment, null when none
     */
    record Assignment(ActiveStrategy active, String experimentGroup) {
    }

    /** One strategy for everybody, no experiment; the generation is the strategy's version. */
    static StrategyResolver fixed(Supplier<ActiveStrategy> strategy) {
        return new StrategyResolver() {
            @Override
            public Assignment assign(String userId) {
                return new Assignment(strategy.get(), null);
            }

            @Override
            public ActiveStrategy configured() {
                return strategy.get();
            }

            @Override
            public long generation() {
                return strategy.get().version();
            }
        };
    }
}
