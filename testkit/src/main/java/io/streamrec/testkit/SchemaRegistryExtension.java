package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Backs {@link WithSchemaRegistry}: one registry per test class, on the class's broker. */
final class SchemaRegistryExtension extends ClassResourceExtension<TestSchemaRegistry> {

    SchemaRegistryExtension() {
        super(TestSchemaRegistry.class, "the schema registry");
    }

    /** Gets the broker through its own extension, so whichever extension runs first, there is only one broker. */
    @Override
    TestSchemaRegistry start(ExtensionContext context) throws Exception {
        return TestSchemaRegistry.start(KafkaExtension.cluster(context));
    }
}
