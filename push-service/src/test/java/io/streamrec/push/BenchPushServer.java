package io.streamrec.push;

import io.streamrec.common.config.ConfigLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The push service alone in its own JVM, so {@link PushBenchmark} can read its RSS. Arguments are
 * {@code key=value} settings; prints {@code PORT <n>} once it serves.
 */
public final class BenchPushServer {
    private BenchPushServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        PushService push = new PushService(ConfigLoader.load(PushConfig.class, Optional.empty(), settings));
        push.start();
        System.out.println("PORT " + push.port());
    }
}
