package dev.scaletest.ssh;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The last few bytes a process or channel wrote to stderr, kept for error messages. */
final class StderrTail {
    private final int limit;
    private final byte[] ring;
    private long written;

    StderrTail(int limit) {
        this.limit = limit;
        this.ring = new byte[limit];
    }

    synchronized void append(byte[] data, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % limit)] = data[offset + i];
        }
    }

    /** The kept text on one line (newlines become "; "), trimmed. */
    synchronized String text() {
        int size = (int) Math.min(written, limit);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % limit)];
        }
        return oneLine(out);
    }

    /** The last {@code limit} bytes of a file a process writes its stderr to, as {@link #text()} shows them; empty if none. */
    static String ofFile(Path file, int limit) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            byte[] tail = new byte[(int) Math.min(size, limit)];
            in.seek(size - tail.length);
            in.readFully(tail);
            return oneLine(tail);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneLine(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
