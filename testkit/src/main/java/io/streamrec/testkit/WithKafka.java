package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a real single-node KRaft Kafka broker in the test JVM for the test class and injects it as a
 * {@link KafkaTestCluster} parameter. Topics are not created: call {@link KafkaTestCluster#createStreamrecTopics()}
 * or {@link KafkaTestCluster#createTopics}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {
}
