package io.streamrec.cli.embedded;

import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded runtime's data directory, held with an exclusive file lock so that a second {@code streamrec demo}
 * on the same directory stops with a message instead of corrupting Kafka's or etcd's files. The OS releases the
 * lock when the process dies, even with kill -9.
 */
public final class DataDirectory implements Service {
    private final Path root;
    private FileChannel channel;
    private FileLock lock;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "data directory";
    }

    public Path root() {
        return root;
    }

    public Path resolve(String child) {
        return root.resolve(child);
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(root);
        channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new StartupException("another streamrec demo is already using " + root
                    + ": stop it first, or pass --data-dir to use another directory");
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            channel.close();
        }
    }
}
