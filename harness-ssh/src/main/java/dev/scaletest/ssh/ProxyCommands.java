package dev.scaletest.ssh;

import dev.scaletest.minanetty.NettyServerLoops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The proxy commands of one {@link SharedSshClient}: on the first one, a private folder, the
 * {@link CommandListener} and the {@link ProxyCommandSpawner} start; closing stops them, kills every
 * command still running and removes the folder. A spawner found dead (its streams were failed
 * when it died) is replaced on the next start, so one lost bash does not end the run's SSH.
 * Threads, whatever the number of streams: the spawner's reader and the {@link ProcessTreeKiller}'s;
 * the listener runs on the event loops it is given (the SSH client's).
 */
final class ProxyCommands implements AutoCloseable {
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(5);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final String bash;
    private final Duration tokenWait;
    private final NettyServerLoops loops;
    private final SecureRandom random = new SecureRandom();
    private final ProcessTreeKiller killer = new ProcessTreeKiller(KILL_GRACE);
    private Path folder;
    private CommandListener listener;
    private ProxyCommandSpawner spawner;
    private int lastId;
    private boolean closed;

    /** @param loops the event loops of the SSH sessions that will take the commands' sockets */
    ProxyCommands(NettyServerLoops loops) {
        this("bash", TOKEN_WAIT, loops);
    }

    /**
     * @param bash      the bash that starts the commands (a name is looked up on the PATH)
     * @param tokenWait how long a connection to the command listener may take to send its token
     * @param loops     the event loops of the SSH sessions that will take the commands' sockets
     */
    ProxyCommands(String bash, Duration tokenWait, NettyServerLoops loops) {
        this.bash = bash;
        this.tokenWait = tokenWait;
        this.loops = loops;
    }

    /** Starts {@code commandLine} by {@code /bin/sh -c}, with {@code environment} added to ours. */
    synchronized ProxyCommandRelay start(String commandLine, Map<String, String> environment) throws IOException {
        if (closed) {
            throw new IOException("the SSH client is closed");
        }
        ProxyCommandSpawner live = liveSpawner();
        int id = ++lastId;
        String token = newToken();
        ProxyCommandRelay relay = new ProxyCommandRelay(id, commandLine, folder.resolve(id + ".err"), listener, token, live, killer);
        try {
            live.spawn(relay, token, environment);
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The running spawner's pid, for tests; -1 before the first command. */
    synchronized long spawnerPid() {
        return spawner == null ? -1 : spawner.pid();
    }

    /** The listener the commands connect to; null before the first command. */
    synchronized CommandListener listener() {
        return listener;
    }

    /** The private folder of the commands' stderr files; null before the first command. */
    synchronized Path folder() {
        return folder;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (spawner != null) {
            spawner.close();
        }
        killer.close();
        if (listener != null) {
            listener.close();
        }
        if (folder != null) {
            removeFolder();
        }
    }

    private ProxyCommandSpawner liveSpawner() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory("scaletest-ssh-proxy-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        if (listener == null) {
            listener = CommandListener.open(loops, tokenWait);
        }
        if (spawner == null || !spawner.isAlive()) {
            if (spawner != null) {
                spawner.close();
            }
            spawner = null;
            spawner = ProxyCommandSpawner.start(bash, folder, killer, listener, newToken());
        }
        return spawner;
    }

    private String newToken() {
        byte[] bytes = new byte[CommandListener.TOKEN_LENGTH / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void removeFolder() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in the temporary folder
        }
    }
}
