package dev.scaletest.simulator.terminal;

import io.netty.buffer.ByteBuf;

/**
 * The most recent terminal output of a session, replayed to a client that re-attaches. The array
 * grows on demand up to the capacity so idle sessions stay small. Not thread-safe: owned by the
 * session's event loop.
 */
final class ReplayBuffer {
    private final int capacity;
    private byte[] ring;
    private long written;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.ring = new byte[Math.min(256, capacity)];
    }

    void append(ByteBuf source, int from, int length) {
        if (length >= capacity) {
            from += length - capacity;
            written += length - capacity;
            length = capacity;
        }
        ensureRoom(length);
        while (length > 0) {
            int at = (int) (written % ring.length);
            int chunk = Math.min(length, ring.length - at);
            source.getBytes(from, ring, at, chunk);
            from += chunk;
            length -= chunk;
            written += chunk;
        }
    }

    /** Bytes held, oldest first. */
    void copyTo(ByteBuf target) {
        int held = (int) Math.min(written, ring.length);
        long start = written - held;
        int at = (int) (start % ring.length);
        int first = Math.min(held, ring.length - at);
        target.writeBytes(ring, at, first);
        target.writeBytes(ring, 0, held - first);
    }

    int size() {
        return (int) Math.min(written, ring.length);
    }

    private void ensureRoom(int incoming) {
        if (ring.length == capacity || written + incoming <= ring.length) {
            return;
        }
        int wanted = (int) Math.min(capacity, Math.max(written + incoming, 2L * ring.length));
        int held = size();
        byte[] grown = new byte[wanted];
        // Keep the bytes in positions consistent with `written % grown.length`.
        long start = written - held;
        for (int i = 0; i < held; i++) {
            long pos = start + i;
            grown[(int) (pos % wanted)] = ring[(int) (pos % ring.length)];
        }
        ring = grown;
    }
}
