package dev.scaletest.ssh;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One long-lived bash that starts every proxy command of a run, so that a stream costs the JVM no
 * child process and no thread: its script ({@code proxy-spawner.bash}) reads requests on stdin and,
 * for each, starts in the background a subshell that connects to the {@link CommandListener}
 * through bash's {@code /dev/tcp}, writes the stream's token, and runs the command
 * with {@code /bin/sh -c} with that socket as its stdin and stdout and its stderr in a file of the
 * run's private folder. The subshell's pid and the command's exit status come back as short lines
 * on the spawner's stdout, which one platform thread reads for every stream.
 *
 * <p>Where bash or its {@code /dev/tcp} is missing (a busybox-only image), {@link #start} fails
 * with one line saying so; there is no per-process fallback, whose threads per stream are what this
 * design removes, so a run that cannot have it fails visibly instead of silently reaching fewer
 * streams. A spawner that dies mid-run fails its open streams; the next open starts a new one.
 */
final class ProxyCommandSpawner implements AutoCloseable {
    private static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Variables that would change how bash runs the script itself; they are handed to the commands instead. */
    private static final List<String> BASH_STARTUP_VARIABLES = List.of("BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "POSIXLY_CORRECT");
    private static final String SCRIPT = loadScript();

    private final Process bash;
    private final OutputStream requests;
    private final Path folder;
    private final ProcessTreeKiller killer;
    private final Map<String, String> restored;
    private final Map<Integer, ProxyCommandRelay> running = new ConcurrentHashMap<>();
    private final CompletableFuture<Boolean> usable = new CompletableFuture<>();
    private volatile String endReason;
    private volatile boolean closing;

    private ProxyCommandSpawner(Process bash, Path folder, ProcessTreeKiller killer, Map<String, String> restored) {
        this.bash = bash;
        this.requests = bash.getOutputStream();
        this.folder = folder;
        this.killer = killer;
        this.restored = restored;
    }

    /**
     * Starts bash and proves it can reach the listener through {@code /dev/tcp}.
     *
     * @param bashCommand the bash to run ({@code bash}: found on the PATH)
     * @param folder      the run's private folder (0700) for the commands' stderr files
     * @param killer      what ends bash and the commands it started when the spawner closes
     * @throws IOException one line naming what is missing when bash cannot be run or cannot connect
     */
    static ProxyCommandSpawner start(String bashCommand, Path folder, ProcessTreeKiller killer, CommandListener listener,
            String probeToken) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(bashCommand, "--noprofile", "--norc", "-c", SCRIPT, "scaletest-proxy-spawner",
                Integer.toString(listener.address().getPort()), folder.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(folder.resolve("spawner.err").toFile()));
        Map<String, String> restored = new LinkedHashMap<>();
        for (String name : BASH_STARTUP_VARIABLES) {
            String value = builder.environment().remove(name);
            if (value != null) {
                restored.put(name, value);
            }
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("proxy commands are started through bash, and `" + bashCommand + "` could not be run ("
                    + e.getMessage().strip() + "): install bash", e);
        }
        ProxyCommandSpawner spawner = new ProxyCommandSpawner(process, folder, killer, restored);
        Thread.ofPlatform().name("ssh-proxy-spawner-" + process.pid()).daemon().start(spawner::readReports);
        process.onExit().thenRun(spawner::ended);
        CompletableFuture<CommandSocket> probe = listener.expect(probeToken);
        probe.thenAccept(socket -> {
            socket.close();
            spawner.usable.complete(true);
        });
        try {
            try {
                spawner.write(field(probeToken));
            } catch (IOException e) {
                // bash ended already: its stderr says why
            }
            if (!spawner.awaitUsable()) {
                spawner.close();
                String why = spawner.errTail();
                throw new IOException("proxy commands are started through bash's /dev/tcp, which `" + bashCommand
                        + "` does not offer" + (why.isEmpty() ? "" : " (" + why + ")") + ": install GNU bash");
            }
        } finally {
            listener.forget(probeToken);
            probe.cancel(false);
        }
        return spawner;
    }

    long pid() {
        return bash.pid();
    }

    boolean isAlive() {
        return endReason == null && bash.isAlive();
    }

    /** Asks bash to start the relay's command; its pid and exit come back to the relay. */
    void spawn(ProxyCommandRelay relay, String token, Map<String, String> environment) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(restored);
        variables.putAll(environment);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(field(Integer.toString(relay.id())));
        request.writeBytes(field(token));
        request.writeBytes(field(relay.commandLine()));
        request.writeBytes(field(Integer.toString(variables.size())));
        variables.forEach((name, value) -> {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("proxy command environment variable name `" + name + "` is not a shell name");
            }
            request.writeBytes(field(name));
            request.writeBytes(field(value));
        });
        running.put(relay.id(), relay);
        try {
            write(request.toByteArray());
        } catch (IOException e) {
            running.remove(relay.id());
            String reason = endReason;
            throw new IOException(reason != null ? reason : "cannot reach the proxy command spawner: " + e.getMessage(), e);
        }
        if (endReason != null && running.remove(relay.id()) != null) {
            relay.spawnerEnded(endReason);
        }
    }

    /**
     * The relay was closed: its reports, if any still come, are ignored, except its pid while unknown,
     * which is still needed to kill what it runs.
     */
    void forget(ProxyCommandRelay relay) {
        if (relay.startReported()) {
            running.remove(relay.id(), relay);
        }
    }

    /**
     * Ends every command still running, then bash, before returning (the process may exit next):
     * SIGTERM to all of them at once, SIGKILL to what is left after a grace.
     */
    @Override
    public void close() {
        closing = true;
        List.copyOf(running.values()).forEach(ProxyCommandRelay::close);
        try {
            requests.close();
        } catch (IOException e) {
            // bash is gone already
        }
        killer.killAndWait(bash.toHandle());
    }

    private synchronized void write(byte[] request) throws IOException {
        requests.write(request);
        requests.flush();
    }

    private boolean awaitUsable() throws IOException {
        try {
            return usable.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the proxy command spawner", e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void readReports() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                report(line.split(" "));
            }
        } catch (IOException | UncheckedIOException e) {
            // bash is gone; ended() tells the streams
        }
        usable.complete(false);
    }

    private void report(String[] words) {
        if (words.length == 1) {
            usable.complete(false);
            return;
        }
        if (words.length != 3) {
            return;
        }
        try {
            int id = Integer.parseInt(words[0]);
            long number = Long.parseLong(words[2]);
            if ("started".equals(words[1])) {
                ProxyCommandRelay relay = running.get(id);
                if (relay != null && relay.started(number)) {
                    running.remove(id, relay);
                }
            } else if ("exit".equals(words[1])) {
                ProxyCommandRelay relay = running.remove(id);
                if (relay != null) {
                    relay.exited((int) number);
                }
            }
        } catch (NumberFormatException e) {
            // not a report of ours (the script writes none such)
        }
    }

    /** bash ended: every stream it still ran is failed, and what it started is killed. */
    private void ended() {
        String reason = closing ? "the SSH client was closed"
                : "the proxy command spawner (bash, pid " + bash.pid() + ") ended with status " + bash.exitValue()
                + (errTail().isEmpty() ? "" : ": " + errTail());
        endReason = reason;
        usable.complete(false);
        for (ProxyCommandRelay relay : List.copyOf(running.values())) {
            running.remove(relay.id());
            relay.spawnerEnded(reason);
        }
    }

    private String errTail() {
        return StderrTail.ofFile(folder.resolve("spawner.err"), 512);
    }

    private static byte[] field(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a proxy command and its environment cannot contain NUL characters");
        }
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    private static String loadScript() {
        try (InputStream in = ProxyCommandSpawner.class.getResourceAsStream("proxy-spawner.bash")) {
            if (in == null) {
                throw new IllegalStateException("proxy-spawner.bash is missing from the harness-ssh jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
