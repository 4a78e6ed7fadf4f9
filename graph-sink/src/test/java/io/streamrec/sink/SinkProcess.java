package io.streamrec.sink;

import io.streamrec.common.config.ConfigLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The sink alone in a child JVM, as {@code ./streamrec sink} runs it, configured by {@code key=value} arguments: for
 * tests that kill the process. It runs until killed.
 */
public final class SinkProcess {
    private SinkProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            config.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        GraphSink sink = new GraphSink(ConfigLoader.load(SinkConfig.class, Optional.empty(), config));
        sink.start();
        System.out.println("sink started on port " + sink.port());
        new CountDownLatch(1).await();
    }
}
