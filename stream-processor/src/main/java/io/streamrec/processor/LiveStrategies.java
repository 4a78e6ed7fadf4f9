package io.streamrec.processor;

import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrec.common.etcd.WatchedPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The strategies and the experiment of the processor's config, live from etcd: every key under
 * {@link Strategy#ETCD_PREFIX} (and {@link Experiment#ETCD_PREFIX}) is watched, and the topology's questions are
 * answered from memory with volatile reads, so it never calls etcd while it processes a record. While the configured
 * key is absent, invalid from its first version, or etcd has not answered yet, the built-in default (version 0) is in
 * force; an invalid edit of a valid strategy keeps its last good version, and is logged, counted in
 * {@code streamrec.processor.strategy.rejected} and reported under {@link StrategyStatus#ETCD_PREFIX}.
 *
 * <p>With an experiment configured, a user in one of its groups gets the group's strategy (the configured one when the
 * group names a strategy etcd does not hold) and the group's name as experiment group.
 */
public final class LiveStrategies implements Supplier<ActiveStrategy>, StrategyResolver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStrategies.class);

    private final String name;
    private final Optional<String> experimentName;
    private final WatchedPrefix<Strategy> strategies;
    private final WatchedPrefix<Experiment> experiments;
    private final AtomicLong generation = new AtomicLong();
    private volatile ActiveStrategy current = ActiveStrategy.builtIn();

    private LiveStrategies(String name, Optional<String> experimentName, WatchedPrefix<Strategy> strategies,
                           WatchedPrefix<Experiment> experiments) {
        this.name = name;
        this.experimentName = experimentName;
        this.strategies = strategies;
        this.experiments = experiments;
    }

    /** Without an experiment, counting rejections nowhere in particular; see the full overload. */
    public static LiveStrategies open(Client etcd, String name, Duration loadTimeout) throws InterruptedException {
        return open(etcd, name, Optional.empty(), loadTimeout, new SimpleMeterRegistry());
    }

    /**
     * Starts watching and waits up to {@code loadTimeout} for the first load. Never fails because of etcd: when it
     * does not answer in time, the built-in default is used and the view switches as soon as etcd answers.
     */
    public static LiveStrategies open(Client etcd, String name, Optional<String> experiment, Duration loadTimeout,
                                      MeterRegistry meters) throws InterruptedException {
        Counter rejected = Counter.builder("streamrec.processor.strategy.rejected")
                .description("strategy versions in etcd rejected as invalid (the last good version stays)")
                .register(meters);
        StrategyStatus status = new StrategyStatus(etcd);
        WatchedPrefix.Parser<Strategy> parser = (key, json) -> {
            try {
                Strategy parsed = Strategy.parse(key, json);
                status.accepted(key);
                return parsed;
            } catch (IllegalArgumentException e) {
                rejected.increment();
                status.rejected(key, e.getMessage());
                throw e;
            }
        };
        LiveStrategies live = new LiveStrategies(name, experiment,
                WatchedPrefix.open(etcd, Strategy.ETCD_PREFIX, parser),
                WatchedPrefix.open(etcd, Experiment.ETCD_PREFIX, Experiment::parse));
        live.strategies.subscribe(snapshot -> live.refresh());
        live.experiments.subscribe(snapshot -> live.refresh());
        boolean loaded = live.strategies.awaitLoaded(loadTimeout);
        live.experiments.awaitLoaded(loaded ? loadTimeout : Duration.ZERO);
        // the first snapshot may have been published before the subscription
        live.refresh();
        if (!loaded) {
            log.atWarn().addKeyValue("strategy", name).addKeyValue("waitedMs", loadTimeout.toMillis())
                    .log("etcd did not answer; using the built-in default strategy until it does");
        } else if (live.get().isBuiltIn()) {
            live.warnBuiltIn();
        }
        return live;
    }

    /** The configured strategy in force now. */
    @Override
    public ActiveStrategy get() {
        return current;
    }

    @Override
    public ActiveStrategy configured() {
        return current;
    }

    @Override
    public Assignment assign(String userId) {
        if (experimentName.isEmpty()) {
            return new Assignment(current, null);
        }
        WatchedPrefix.Entry<Experiment> experiment = experiments.snapshot().entries().get(experimentName.get());
        Experiment.Group group = experiment == null ? null : experiment.value().groupOf(userId);
        if (group == null) {
            return new Assignment(current, null);
        }
        WatchedPrefix.Entry<Strategy> strategy = strategies.snapshot().entries().get(group.strategy());
        ActiveStrategy active = strategy == null ? current : new ActiveStrategy(strategy.value(), strategy.modRevision());
        return new Assignment(active, group.name());
    }

    /** Grows with every change under either prefix. */
    @Override
    public long generation() {
        return generation.get();
    }

    /**
     * The etcd revision the view has caught up with (0 before the first load): an edit with a revision up to this one
     * has been applied, or rejected if invalid.
     */
    public long etcdRevision() {
        return strategies.snapshot().revision();
    }

    /** Reads the view's latest snapshot itself, so a late call can never replace a newer strategy with an older one. */
    private synchronized void refresh() {
        generation.incrementAndGet();
        WatchedPrefix.Entry<Strategy> entry = strategies.snapshot().entries().get(name);
        ActiveStrategy next = entry == null ? ActiveStrategy.builtIn() : new ActiveStrategy(entry.value(), entry.modRevision());
        ActiveStrategy previous = current;
        current = next;
        if (next.equals(previous)) {
            return;
        }
        if (next.isBuiltIn()) {
            warnBuiltIn();
        } else {
            log.atInfo().addKeyValue("strategy", name).addKeyValue("version", next.version())
                    .log("strategy in force");
        }
    }

    private void warnBuiltIn() {
        log.atWarn().addKeyValue("key", Strategy.ETCD_PREFIX + name)
                .log("no valid strategy in etcd under this key; using the built-in default");
    }

    @Override
    public void close() {
        try {
            strategies.close();
            experiments.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
