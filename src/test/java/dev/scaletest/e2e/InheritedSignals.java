package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the tests that send Ctrl-C need from the shell that started the build: SIGINT not ignored.
 * A process inherits an ignored SIGINT (as under {@code nohup} or as a background job of a shell
 * without job control) and the JVM then leaves it ignored, so the tool would never see the Ctrl-C
 * and those tests would fail with a puzzling exit 0.
 */
final class InheritedSignals {
    private static final int SIGINT = 2;

    private InheritedSignals() {
    }

    /** Fails in one line when this JVM, and so every tool it starts, ignores SIGINT. */
    static void requireSigintNotIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring("SigIgn:".length()).trim()).findFirst().orElse("0");
        if ((Long.parseUnsignedLong(ignored, 16) & (1L << (SIGINT - 1))) != 0) {
            fail("SIGINT is ignored by the test JVM (SigIgn " + ignored + "), so the tools it starts ignore Ctrl-C too;"
                    + " run the build from a shell that does not ignore it (not under nohup or as a background job without job control)");
        }
    }
}
