package io.streamrec.sink.store;

import com.arcadedb.database.Database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writing transaction at a time per database directory in this JVM (ArcadeDB's file lock keeps other processes
 * out). One edge per pair rests on each write looking its pairs up inside its own transaction, and ArcadeDB 25.3.1
 * does not reliably make one of two concurrent transactions that add the same pair fail: two writers on the same 300
 * pairs left 302 edges in one run of 25, and another failed with "record not found". The sink has a single writer
 * thread; this makes any other store writing the same database wait for its turn rather than duplicate edges.
 */
final class DatabaseWriteLocks {
    private static final Map<String, Lock> BY_PATH = new ConcurrentHashMap<>();

    private DatabaseWriteLocks() {
    }

    static Lock of(Database db) {
        return BY_PATH.computeIfAbsent(db.getDatabasePath(), path -> new ReentrantLock());
    }
}
