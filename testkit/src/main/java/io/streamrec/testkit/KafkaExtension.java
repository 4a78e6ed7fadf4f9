package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Backs {@link WithKafka}: one broker per test class. */
final class KafkaExtension extends ClassResourceExtension<KafkaTestCluster> {

    KafkaExtension() {
        super(KafkaTestCluster.class, "the in-JVM Kafka broker");
    }

    /** The class's broker, started now if no {@link WithKafka} extension has started it yet. */
    static KafkaTestCluster cluster(ExtensionContext context) {
        return new KafkaExtension().resource(context);
    }

    @Override
    KafkaTestCluster start(ExtensionContext context) throws Exception {
        return KafkaTestCluster.start(TestDirectories.create(context, "kafka"));
    }
}
