package io.streamrec.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-blank line of an {@code application/x-ndjson} body: its 1-based number and its byte range, end exclusive.
 * Lines end with {@code \n}; a line of spaces, tabs and {@code \r} only is blank.
 */
record NdjsonLine(int number, int start, int end) {

    int length() {
        return end - start;
    }

    static List<NdjsonLine> nonBlank(byte[] body) {
        List<NdjsonLine> lines = new ArrayList<>();
        int number = 0;
        for (int start = 0; start <= body.length; ) {
            int end = indexOfNewline(body, start);
            number++;
            if (!isBlank(body, start, end)) {
                lines.add(new NdjsonLine(number, start, end));
            }
            start = end + 1;
        }
        return lines;
    }

    private static int indexOfNewline(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
