package dev.scaletest.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSSH sshd and one shared scaletest SSH client for a test class, started before its
 * first test and stopped after its last: {@code @RegisterExtension static final RealSshd SSH = new RealSshd();}.
 * The class fails where no sshd is installed (bin/install-test-tools installs it).
 */
public final class RealSshd implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private OpenSshServer server;
    private SharedSshClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("scaletest-sshd");
        server = OpenSshServer.start(dir);
        client = SharedSshClient.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A folder of the class's own for key and known_hosts files. */
    public Path dir() {
        return dir;
    }

    public OpenSshServer server() {
        return server;
    }

    public SharedSshClient client() {
        return client;
    }
}
