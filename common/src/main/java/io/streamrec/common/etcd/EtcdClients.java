package io.streamrec.common.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.streamrec.common.config.EtcdSettings;

import java.nio.charset.StandardCharsets;

/** Builds jetcd clients and converts between strings and etcd byte sequences. */
public final class EtcdClients {
    private EtcdClients() {
    }

    public static Client connect(EtcdSettings settings) {
        return Client.builder().endpoints(settings.endpoints().toArray(String[]::new)).build();
    }

    public static ByteSequence bytes(String value) {
        return ByteSequence.from(value, StandardCharsets.UTF_8);
    }

    public static String string(ByteSequence value) {
        return value.toString(StandardCharsets.UTF_8);
    }
}
