package io.streamrec.cli;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.ServiceRegistration;

/** A process that registers itself and waits to be killed: args are the etcd endpoint and the TTL in seconds. */
public final class RegisteredProcessMain {
    private RegisteredProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Client client = Client.builder().endpoints(args[0]).build();
        new ServiceRegistration(client, "victim", "child", "http://127.0.0.1:1", "test", Long.parseLong(args[1])).start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
