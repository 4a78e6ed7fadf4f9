package io.streamrec.sink;

import com.arcadedb.engine.WALFile;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The graph sink's own settings ({@code streamrec.sink.*}). */
public interface SinkSettings {

    /** Interface the graph API listens on. */
    @WithDefault("0.0.0.0")
    String host();

    /** Port of the graph API, health and metrics; 0 picks a free one. */
    @WithDefault("8083")
    int port();

    /** Consumer group; every sink instance of one deployment shares it so that each partition is written once. */
    @WithDefault("streamrec-graph-sink")
    String groupId();

    /**
     * A stable id, unique per instance (a pod or host name), that makes the instance a static group member: after a
     * restart it gets its partitions back at once instead of after the 45 s session timeout. Unset means dynamic
     * membership.
     */
    Optional<String> instanceId();

    /**
     * Records per store transaction (also the consumer's max.poll.records). A batch whose write failed keeps the rest
     * of the poll it came from, so while it is retried it can hold up to twice this. Larger batches write faster: the
     * store copies every page a transaction touches, and on a 1M-edge graph 20000 took 0.86x the writer's CPU per edge
     * of 5000, while 50000 gained nothing more (docs/benchmarks.md).
     */
    @WithDefault("20000")
    int batchSize();

    /** How long a partly filled batch waits for more records before it is written anyway. */
    @WithDefault("200")
    long lingerMs();

    /** Which graph store adapter holds the graph: {@code arcadedb} (embedded) or {@code arangodb}. */
    @WithDefault("arcadedb")
    GraphStoreKind store();

    /** Directory of the embedded ArcadeDB database; created on first start. */
    @WithDefault("data/graph")
    Path arcadedbPath();

    /**
     * How far ArcadeDB forces each commit to disk: {@code no} survives a killed process but may lose the last
     * commits on power loss; {@code yes-nometadata} and {@code yes-full} survive power loss at a cost per batch.
     */
    @WithDefault("no")
    WALFile.FLUSH_TYPE arcadedbWalFlush();

    /**
     * Writes wait (the partitions pause, as while the store is down) while the disk holding the ArcadeDB database has
     * less than this many MB free. ArcadeDB 25.3.1 does not survive a full disk cleanly: a commit that cannot write
     * its log leaves the engine unusable, and it loses the batch committed just before (the store then reopens the
     * database and writes the recent batches again).
     */
    @WithDefault("256")
    long arcadedbMinFreeMb();

    /** The ArangoDB adapter's connection ({@code streamrec.sink.arangodb.*}), used when {@link #store()} is arangodb. */
    ArangoDbSettings arangodb();

    /** The graph store adapters. */
    enum GraphStoreKind {
        /** Embedded ArcadeDB at {@link #arcadedbPath()}. */
        ARCADEDB,
        /** An ArangoDB server or cluster at {@link #arangodb()}. */
        ARANGODB
    }
}
