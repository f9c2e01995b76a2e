package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes of the packaged tool started side by side, as the pods of one Job run: each with its
 * own stdout and stderr file, all awaited together. Stopped by {@link #close()} if still running.
 */
final class JarProcesses implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> stderr = new ArrayList<>();

    /** Starts {@code command}, its output going to {@code log}.out and {@code log}.err. */
    void start(ProcessBuilder command, Path log) throws IOException {
        Path err = log.resolveSibling(log.getFileName() + ".err");
        processes.add(command.redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
                .redirectError(err.toFile()).start());
        stderr.add(err);
    }

    /** The exit codes in start order, once every process ended within {@code limit}. */
    List<Integer> awaitAll(Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            long left = Math.max(0, until - System.nanoTime());
            assertTrue(processes.get(i).waitFor(left, TimeUnit.NANOSECONDS), "process " + i + " still running:\n" + err(i));
            codes.add(processes.get(i).exitValue());
        }
        return codes;
    }

    /** What process {@code i} printed on stderr. */
    String err(int i) throws IOException {
        return Files.exists(stderr.get(i)) ? Files.readString(stderr.get(i)) : "";
    }

    /** Every process's stderr, for a failure message. */
    String diagnostics() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            all.append("--- process ").append(i).append(" ---\n").append(err(i));
        }
        return all.toString();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
