package io.streamrec.cli.documents;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.streamrec.common.lifecycle.StartupException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static io.streamrec.common.etcd.EtcdClients.bytes;
import static io.streamrec.common.etcd.EtcdClients.string;

/**
 * JSON documents under an etcd prefix, versioned by their mod revision. Writes are compare-and-set on the version
 * the writer last saw. History comes from etcd's own revisions, so it reaches back only to the last compaction.
 */
public final class VersionedDocuments {
    private static final long TIMEOUT_SECONDS = 10;

    public record Version(String value, long version) {
    }

    /** Someone else wrote the document after the caller read it. */
    public static final class ConcurrentEditException extends RuntimeException {
        public ConcurrentEditException(String message) {
            super(message);
        }
    }

    private final Client client;
    private final String prefix;

    public VersionedDocuments(Client client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** The documents under another prefix, through the same client. */
    public VersionedDocuments under(String otherPrefix) {
        return new VersionedDocuments(client, otherPrefix);
    }

    public Optional<Version> current(String name) {
        return first(await(client.getKVClient().get(key(name))).getKvs());
    }

    /** The document as it was at that etcd revision; empty if it did not exist then or that revision is compacted. */
    public Optional<Version> at(String name, long revision) {
        try {
            return atRevision(name, revision);
        } catch (RevisionCompacted e) {
            return Optional.empty();
        }
    }

    /**
     * Versions still in etcd, newest first.
     *
     * @param compacted whether older versions existed but etcd has compacted them away
     */
    public record History(List<Version> versions, boolean compacted) {
    }

    /** Every version still in etcd, newest first, at most {@code limit}. */
    public History history(String name, int limit) {
        List<Version> versions = new ArrayList<>();
        Optional<Version> next = current(name);
        while (next.isPresent() && versions.size() < limit) {
            versions.add(next.get());
            try {
                next = atRevision(name, next.get().version() - 1);
            } catch (RevisionCompacted e) {
                return new History(versions, true);
            }
        }
        return new History(versions, false);
    }

    /** etcd no longer holds the revision asked for. */
    private static final class RevisionCompacted extends RuntimeException {
        RevisionCompacted(Throwable cause) {
            super(cause);
        }
    }

    private Optional<Version> atRevision(String name, long revision) {
        try {
            return first(await(client.getKVClient().get(key(name), GetOption.builder().withRevision(revision).build())).getKvs());
        } catch (StartupException e) {
            if (e.getCause() instanceof CompactedException || String.valueOf(e.getMessage()).contains("compacted")) {
                throw new RevisionCompacted(e);
            }
            throw e;
        }
    }

    /**
     * Writes the document if its version is still {@code expectedVersion} (0: it must not exist) and returns the new
     * version.
     */
    public long put(String name, String value, long expectedVersion) {
        ByteSequence key = key(name);
        TxnResponse response = await(client.getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedVersion)))
                .Then(Op.put(key, bytes(value), PutOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            long now = current(name).map(Version::version).orElse(0L);
            throw new ConcurrentEditException(prefix + name + " changed since version " + expectedVersion
                    + " (it is now version " + now + "): get it again, re-apply your change and retry");
        }
        return response.getHeader().getRevision();
    }

    /**
     * Reads the document, hands it to {@code onCurrent}, then calls {@code onChange} with every later version (empty on
     * delete) until the returned watcher is closed, and {@code onError} if the watch ends (etcd lost, compaction).
     * The watch starts right after the revision read, so no change between the read and the watch is missed.
     */
    public Watch.Watcher watch(String name, Consumer<Optional<Version>> onCurrent, Consumer<Optional<Version>> onChange,
                               Consumer<Throwable> onError) {
        GetResponse read = await(client.getKVClient().get(key(name)));
        onCurrent.accept(first(read.getKvs()));
        WatchOption fromNextRevision = WatchOption.builder().withRevision(read.getHeader().getRevision() + 1).build();
        return client.getWatchClient().watch(key(name), fromNextRevision, Watch.listener(response -> {
            for (WatchEvent event : response.getEvents()) {
                onChange.accept(event.getEventType() == WatchEvent.EventType.DELETE ? Optional.empty()
                        : Optional.of(version(event.getKeyValue())));
            }
        }, onError));
    }

    private ByteSequence key(String name) {
        return bytes(prefix + name);
    }

    private static Optional<Version> first(List<KeyValue> kvs) {
        return kvs.isEmpty() ? Optional.empty() : Optional.of(version(kvs.get(0)));
    }

    private static Version version(KeyValue kv) {
        return new Version(string(kv.getValue()), kv.getModRevision());
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while talking to etcd", e);
        } catch (ExecutionException e) {
            throw new StartupException("etcd refused the request: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("etcd did not answer within " + TIMEOUT_SECONDS
                    + " s: is it running? (streamrec.etcd.endpoints / STREAMREC_ETCD_ENDPOINTS)", e);
        }
    }
}
