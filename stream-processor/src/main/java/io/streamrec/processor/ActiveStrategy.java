package io.streamrec.processor;

/**
 * The strategy in force and its version: the etcd mod revision of its key, or 0 for the built-in default. Every
 * recommendation carries both, so each one says exactly which edit produced it.
 */
public record ActiveStrategy(Strategy strategy, long version) {
    private static final ActiveStrategy BUILT_IN = new ActiveStrategy(Strategy.builtIn(), 0);

    public ActiveStrategy {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must be given");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, not " + version);
        }
    }

    /** The built-in default, version 0. */
    public static ActiveStrategy builtIn() {
        return BUILT_IN;
    }

    public boolean isBuiltIn() {
        return version == 0;
    }
}
