package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a real single-node etcd server (a child process of {@code /usr/bin/etcd} on free loopback ports) for the
 * test class and injects it as an {@link EtcdTestServer} parameter.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EtcdExtension.class)
public @interface WithEtcd {
}
