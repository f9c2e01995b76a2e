package dev.scaletest.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * An in-process SSH server on a loopback port for tests. It understands three commands:
 * {@code dd if=/dev/stdin of=/dev/stdout ...} (echo until EOF), {@code dd ... of=/dev/null ...}
 * (discard until EOF), {@code exit N} (exit at once with status N), {@code hang} (never reads,
 * never exits, ignores signals), {@code wait-for-hup} (never reads, exits 0 on SIGHUP) and {@code refuse} (the exec request
 * is refused). Command threads are virtual,
 * so server sessions do not add platform threads.
 */
final class TestSshServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "session-token-123";

    private final SshServer server;
    private final KeyPair hostKey;

    SshServer mina() {
        return server;
    }

    private TestSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Starts a server that accepts {@link #PASSWORD} and the public key of {@code clientKey}. */
    static TestSshServer start(PublicKey clientKey) throws IOException, GeneralSecurityException {
        KeyPair hostKey = ed25519();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        CoreModuleProperties.NIO_WORKERS.set(server, 2);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey));
        server.setKeyboardInteractiveAuthenticator(null);
        TestSshServer holder = new TestSshServer(server, hostKey);
        server.setCommandFactory(holder.commands());
        server.start();
        return holder;
    }

    static KeyPair ed25519() throws GeneralSecurityException {
        KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
        return generator.generateKeyPair();
    }

    int port() {
        return server.getPort();
    }

    /** A known_hosts line for this server's key under {@code [127.0.0.1]:port}. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Writes a known_hosts file holding {@code lines}. */
    static Path knownHosts(Path dir, String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "known_hosts", "");
        Files.write(file, List.of(lines));
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private CommandFactory commands() {
        return (channel, command) -> {
            List<String> words = CommandFactory.split(command);
            if (words.equals(List.of("refuse"))) {
                throw new IOException("command refused by the test server");
            }
            if (words.equals(List.of("hang"))) {
                return new HangingCommand(false);
            }
            if (words.equals(List.of("wait-for-hup"))) {
                return new HangingCommand(true);
            }
            if (words.size() == 2 && words.get(0).equals("exit")) {
                return new ScriptedCommand(Integer.parseInt(words.get(1)), false, false);
            }
            if (!words.isEmpty() && words.get(0).equals("dd") && words.contains("if=/dev/stdin")) {
                return new ScriptedCommand(0, true, words.contains("of=/dev/stdout"));
            }
            return new ScriptedCommand(127, false, false);
        };
    }

    /** Never reads stdin (so the channel window fills up); runs until the session ends or, optionally, SIGHUP. */
    private static final class HangingCommand implements Command {
        private final boolean exitOnHup;
        private ExitCallback exit;

        HangingCommand(boolean exitOnHup) {
            this.exitOnHup = exitOnHup;
        }

        @Override
        public void setInputStream(InputStream value) {}

        @Override
        public void setOutputStream(OutputStream value) {}

        @Override
        public void setErrorStream(OutputStream value) {}

        @Override
        public void setExitCallback(ExitCallback value) {
            exit = value;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            if (exitOnHup) {
                env.addSignalListener((ch, signal) -> exit.onExit(0), Signal.HUP);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {}
    }

    /** Reads stdin to EOF (echoing it or not) then exits, or exits at once. */
    private static final class ScriptedCommand implements Command {
        private final int exitStatus;
        private final boolean readInput;
        private final boolean echo;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        ScriptedCommand(int exitStatus, boolean readInput, boolean echo) {
            this.exitStatus = exitStatus;
            this.readInput = readInput;
            this.echo = echo;
        }

        @Override
        public void setInputStream(InputStream value) {
            in = value;
        }

        @Override
        public void setOutputStream(OutputStream value) {
            out = value;
        }

        @Override
        public void setErrorStream(OutputStream value) {
            err = value;
        }

        @Override
        public void setExitCallback(ExitCallback value) {
            exit = value;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofVirtual().name("test-ssh-command").start(this::run);
        }

        private void run() {
            try {
                if (readInput) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (echo) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    }
                } else if (exitStatus != 0) {
                    err.write(("failing with status " + exitStatus + "\n").getBytes());
                    err.flush();
                }
                exit.onExit(exitStatus);
            } catch (IOException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the command thread ends with its streams
        }
    }
}
