package io.streamrec.processor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@link BinarySerde}'s compact form into a growing byte array: variable-length integers, raw doubles and
 * longs, and strings written once per record and referenced by index after that (an item id recurs in an update
 * batch once per co-occurring item, an event type in every history entry). {@link CompactReader} reads it back.
 */
final class CompactWriter {
    private byte[] bytes;
    private int size;
    private final Map<String, Integer> written = new HashMap<>();
    /** Strings written in full so far: the reader numbers each of them, looked up or not. */
    private int fullStrings;

    CompactWriter() {
        this(256);
    }

    CompactWriter(int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** A non-negative int in 1-5 bytes, 7 bits at a time. */
    void writeVarInt(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative length or count " + value);
        }
        ensure(5);
        while ((value & ~0x7f) != 0) {
            bytes[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** A non-negative long in 1-9 bytes, 7 bits at a time. */
    void writeVarLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative count " + value);
        }
        ensure(9);
        while ((value & ~0x7fL) != 0) {
            bytes[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** A string: the first time as (length × 2) and UTF-8 bytes, after that as (index × 2 + 1). */
    void writeString(String value) {
        Integer index = written.get(value);
        if (index != null) {
            writeVarInt(index * 2 + 1);
            return;
        }
        written.put(value, fullStrings);
        writeFull(value);
    }

    /**
     * A string the caller knows occurs once in the record, such as an item id of a history: written in full without
     * a dictionary entry, which for a 200-item history was most of the cost of writing it.
     */
    void writeDistinctString(String value) {
        writeFull(value);
    }

    private void writeFull(String value) {
        writeFull(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Like {@link #writeDistinctString} for a string the caller has already encoded as UTF-8. */
    void writeFull(byte[] utf8) {
        fullStrings++;
        writeVarInt(utf8.length * 2);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
