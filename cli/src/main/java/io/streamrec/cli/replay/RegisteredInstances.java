package io.streamrec.cli.replay;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.lifecycle.StartupException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;

/**
 * The live instances of a service in etcd's service registry. The replay asks it as well as the consumer group,
 * because an instance that is starting, rebalancing or whose consumer has died is registered before (or while)
 * it is no group member, and it would join again and consume from the offsets the replay is moving.
 */
public final class RegisteredInstances {
    private final Client client;
    private final Duration timeout;

    public RegisteredInstances(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** The instance ids registered under {@code /streamrec/services/<service>/}. */
    public List<String> of(String service) {
        String prefix = ServiceRegistration.PREFIX + service + "/";
        try {
            List<KeyValue> kvs = client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).getKvs();
            return kvs.stream().map(kv -> string(kv.getKey()).substring(prefix.length())).sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot read the service registry in etcd to check that " + service
                    + " is stopped (" + e + "): start etcd or fix streamrec.etcd.endpoints", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }
}
