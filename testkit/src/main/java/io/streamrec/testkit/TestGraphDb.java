package io.streamrec.testkit;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;

import java.nio.file.Path;

/**
 * An embedded ArcadeDB location, injected by {@link WithArcadeDb}. Either pass {@link #path()} to the code under
 * test, which opens the database itself, or use {@link #database()}; not both at once, since ArcadeDB allows one
 * open instance per directory.
 */
public final class TestGraphDb implements AutoCloseable {
    private final Path directory;
    private final Path path;
    private DatabaseFactory factory;
    private Database database;

    TestGraphDb(Path directory) {
        this.directory = directory;
        this.path = directory.resolve("graph");
    }

    /** Where the database lives; the directory does not exist until a database is created there. */
    public Path path() {
        return path;
    }

    /** The database at {@link #path()}, created (or opened) on first call and closed after the test class. */
    public synchronized Database database() {
        if (database == null) {
            factory = new DatabaseFactory(path.toString());
            database = factory.exists() ? factory.open() : factory.create();
        }
        return database;
    }

    @Override
    public synchronized void close() {
        try {
            if (database != null && database.isOpen()) {
                database.close();
            }
        } finally {
            if (factory != null) {
                factory.close();
            }
            TestDirectories.deleteRecursively(directory);
        }
    }
}
