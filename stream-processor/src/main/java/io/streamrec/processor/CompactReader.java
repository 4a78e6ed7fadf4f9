package io.streamrec.processor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@link CompactWriter} wrote; every read checks the bounds, so a corrupt record fails with a message. */
final class CompactReader {
    private final byte[] bytes;
    private int position;
    private final List<String> read = new ArrayList<>();

    CompactReader(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.position = offset;
    }

    int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            require(1);
            byte next = bytes[position++];
            value |= (next & 0x7f) << shift;
            if (next >= 0) {
                if (value < 0) {
                    throw corrupt("negative length or count " + value);
                }
                return value;
            }
        }
        throw corrupt("variable-length int longer than 5 bytes");
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            require(1);
            byte next = bytes[position++];
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw corrupt("variable-length long longer than 9 bytes");
    }

    /** A list length: each entry takes at least a byte, so a count beyond the remaining bytes is corrupt. */
    int readCount() {
        int count = readVarInt();
        if (count > bytes.length - position) {
            throw corrupt("list of " + count + " entries in " + (bytes.length - position) + " bytes");
        }
        return count;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        return value;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    String readString() {
        int header = readVarInt();
        if ((header & 1) == 1) {
            int index = header >>> 1;
            if (index >= read.size()) {
                throw corrupt("reference to string " + index + " of " + read.size());
            }
            return read.get(index);
        }
        int length = header >>> 1;
        require(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        read.add(value);
        return value;
    }

    boolean atEnd() {
        return position == bytes.length;
    }

    /** Fails unless the whole record was read: trailing bytes mean a different layout. */
    void requireEnd() {
        if (position != bytes.length) {
            throw corrupt((bytes.length - position) + " unread bytes at the end");
        }
    }

    private void require(int count) {
        if (count > bytes.length - position) {
            throw corrupt("record ends " + (count - (bytes.length - position)) + " bytes early");
        }
    }

    private static IllegalArgumentException corrupt(String reason) {
        return new IllegalArgumentException("corrupt record: " + reason);
    }
}
