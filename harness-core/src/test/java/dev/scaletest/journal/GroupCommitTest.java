package dev.scaletest.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GroupCommitTest {

    /** Records batches; the first force blocks until released, so later callers queue up behind it. */
    private static final class GatedSink implements GroupCommit.Sink {
        final List<List<String>> batches = new ArrayList<>();
        final AtomicInteger forces = new AtomicInteger();
        final CountDownLatch firstForceEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstForce = new CountDownLatch(1);
        volatile IOException failWrites;

        @Override
        public synchronized void write(ByteBuffer[] lines) throws IOException {
            if (failWrites != null) {
                throw failWrites;
            }
            List<String> batch = new ArrayList<>();
            for (ByteBuffer line : lines) {
                byte[] bytes = new byte[line.remaining()];
                line.get(bytes);
                batch.add(new String(bytes, StandardCharsets.UTF_8));
            }
            batches.add(batch);
        }

        @Override
        public void force() {
            if (forces.incrementAndGet() == 1) {
                firstForceEntered.countDown();
                try {
                    releaseFirstForce.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void callersQueuedBehindAForceShareTheNextOne() throws Exception {
        GatedSink sink = new GatedSink();
        GroupCommit commits = new GroupCommit(sink);
        Thread first = Thread.ofVirtual().start(() -> append(commits, "a\n"));
        sink.firstForceEntered.await();
        List<Thread> queued = new ArrayList<>();
        for (String line : List.of("b\n", "c\n", "d\n")) {
            queued.add(Thread.ofVirtual().start(() -> append(commits, line)));
        }
        while (commits.queued() < 3) {
            Thread.sleep(1);
        }
        assertTrue(queued.stream().allMatch(Thread::isAlive), "nobody returns before its line is forced");
        sink.releaseFirstForce.countDown();
        first.join();
        for (Thread t : queued) {
            t.join();
        }
        assertEquals(2, sink.forces.get());
        assertEquals(List.of("a\n"), sink.batches.get(0));
        assertEquals(List.of("b\n", "c\n", "d\n"), sink.batches.get(1).stream().sorted().toList());
    }

    @Test
    void aFailedWriteFailsThatCallerAndEveryLaterOne() throws Exception {
        GatedSink sink = new GatedSink();
        sink.releaseFirstForce.countDown();
        GroupCommit commits = new GroupCommit(sink);
        commits.append("ok\n".getBytes(StandardCharsets.UTF_8));
        sink.failWrites = new IOException("disk full");
        IOException failed = assertThrows(IOException.class, () -> commits.append("x\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("disk full", failed.getMessage());
        sink.failWrites = null;
        IOException later = assertThrows(IOException.class, () -> commits.append("y\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(later.getMessage().contains("disk full"), later.getMessage());
        assertEquals(List.of(List.of("ok\n")), sink.batches);
    }

    private static void append(GroupCommit commits, String line) {
        try {
            commits.append(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
