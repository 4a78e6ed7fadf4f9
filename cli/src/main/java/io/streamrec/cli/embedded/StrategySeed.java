package io.streamrec.cli.embedded;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.streamrec.common.lifecycle.StartupException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.streamrec.common.etcd.EtcdClients.bytes;

/** Writes a value only when the key has never existed, in one transaction, so an operator's edit is never overwritten. */
final class StrategySeed {
    private StrategySeed() {
    }

    static boolean putIfAbsent(Client client, String key, String value) {
        ByteSequence k = bytes(key);
        try {
            return client.getKVClient().txn()
                    .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                    .Then(Op.put(k, bytes(value), PutOption.DEFAULT))
                    .commit().get(10, TimeUnit.SECONDS).isSucceeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while writing " + key + " to etcd", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot write " + key + " to etcd: " + e.getMessage(), e);
        }
    }
}
