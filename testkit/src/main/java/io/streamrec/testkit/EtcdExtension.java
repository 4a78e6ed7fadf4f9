package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Backs {@link WithEtcd}: one etcd server per test class. */
final class EtcdExtension extends ClassResourceExtension<EtcdTestServer> {

    EtcdExtension() {
        super(EtcdTestServer.class, "etcd");
    }

    @Override
    EtcdTestServer start(ExtensionContext context) {
        return EtcdTestServer.start(TestDirectories.create(context, "etcd"));
    }
}
