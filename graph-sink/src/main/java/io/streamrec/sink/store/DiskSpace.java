package io.streamrec.sink.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space left on the disk of an embedded database, checked before each write: a write that would find the
 * disk full fails as retriable instead, so the sink pauses until space is freed rather than hit the engine's full-disk
 * failures (see {@link ArcadeDbGraphStore}).
 */
final class DiskSpace {
    private static final long MB = 1024 * 1024;
    private final Path path;
    private final FileStore disk;
    private final long minFreeBytes;

    private DiskSpace(Path path, FileStore disk, long minFreeBytes) {
        this.path = path;
        this.disk = disk;
        this.minFreeBytes = minFreeBytes;
    }

    /** For the database at {@code path}, which exists; 0 checks nothing. */
    static DiskSpace of(Path path, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("the minimum free space cannot be negative: " + minFreeBytes);
        }
        try {
            return new DiskSpace(path, minFreeBytes == 0 ? null : Files.getFileStore(path), minFreeBytes);
        } catch (IOException e) {
            throw new GraphStoreException("cannot find the disk of " + path + ": " + e.getMessage(), e, false);
        }
    }

    void requireFree() {
        if (disk == null) {
            return;
        }
        long free;
        try {
            free = disk.getUsableSpace();
        } catch (IOException e) {
            throw new GraphStoreException("cannot read the free space of " + path + "'s disk: " + e.getMessage(), e,
                    true);
        }
        if (free < minFreeBytes) {
            throw new GraphStoreException(String.format("the disk of %s has %d MB free, less than the %d MB writes"
                    + " need (streamrec.sink.arcadedb-min-free-mb): writing resumes once space is freed", path,
                    free / MB, (minFreeBytes + MB - 1) / MB), null, true);
        }
    }
}
