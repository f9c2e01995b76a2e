package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket layers picked by {@code SCALETEST_NETTY_TRANSPORT} (epoll, the default, runs in every
 * other test): the packaged tool runs web-terminal traffic against its built-in simulator, both
 * sides on the asked-for layer, and every byte comes back.
 */
@EnabledOnOs(OS.LINUX)
class NettyTransportsE2ETest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nio", "io_uring"})
    @Timeout(120) // a second JVM starting while the suite loads both cores
    void trafficMovesEveryByteOnTheChosenSocketLayer(String transport) throws Exception {
        boolean uring = transport.equals("io_uring");
        assumeTrue(!uring || IoUring.isAvailable(), "the kernel does not allow io_uring here");
        Path report = tmp.resolve("traffic.json");
        ProcessBuilder builder = PackagedJar.command("workspace-traffic",
                "--embedded", "--count", "10", "--timeout", "3s", "--progress", "none", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", tmp.resolve("j").toString(), "--output", "json:" + report)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile());
        builder.environment().put("SCALETEST_NETTY_TRANSPORT", transport);
        Process p = builder.start();
        boolean sawRing = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (p.isAlive() && System.nanoTime() < deadline) {
            sawRing |= uring && holdsIoUring(p.pid());
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        if (p.isAlive()) {
            p.destroyForcibly();
            throw new AssertionError("the packaged tool did not finish in 100s");
        }
        String log = Files.readString(tmp.resolve("run.log"));
        assertEquals(0, p.exitValue(), log);
        if (uring) {
            assertTrue(sawRing, "the tool held no io_uring instance while it ran");
        }
        JsonNode traffic = ScaletestProcess.json(report).path("traffic");
        assertEquals(10, traffic.path("streams").asInt(), traffic.toString());
        long written = traffic.path("bytes_written").asLong();
        assertTrue(written > 0, traffic.toString());
        assertTrue(traffic.path("bytes_read").asLong() >= written, "every byte echoed: " + traffic);
        assertTrue(traffic.path("delivery_ratio").asDouble() >= 0.99, "delivery: " + traffic);
    }

    /** Whether the process has an io_uring instance open (Linux shows it as an anonymous inode). */
    private static boolean holdsIoUring(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:[io_uring]");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false; // the process ended meanwhile
        }
    }
}
