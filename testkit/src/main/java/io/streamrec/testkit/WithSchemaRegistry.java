package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts Streamrec's schema registry (storing schemas in the {@code _schemas} topic) on the test class's
 * {@link WithKafka} broker, which it implies, and injects it as a {@link TestSchemaRegistry} parameter. The
 * {@link KafkaTestCluster} can be injected as well; it is the same broker.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithKafka
@ExtendWith(SchemaRegistryExtension.class)
public @interface WithSchemaRegistry {
}
