package dev.scaletest.web;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a command in a reconnecting PTY without writing to it and reads its output as lines, the way
 * {@code create-workspaces --run-command} checks a workspace: lines end at '\n' (a trailing '\r' is
 * dropped), a line longer than 64 KiB is an error, and reading ends when the server closes the
 * stream (command exited) or the timeout expires.
 */
public final class PtyCommandReader {

    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final WsClient client;
    private final Duration connectTimeout;

    public PtyCommandReader(WsClient client, Duration connectTimeout) {
        this.client = client;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Runs the command as {@code as}: its session cookie and {@code --header} headers open the
     * terminal. Coder's tool runs it as the workspace's owner; coderd started with
     * {@code --disable-owner-workspace-access} refuses a site owner's terminal on another user's
     * workspace (404).
     *
     * <p>Completes normally when the command exited and the server closed the stream normally;
     * exceptionally with a {@link StreamFailure} of class TIMEOUT when {@code timeout} expired first
     * (the stream is then dropped), or with the connect/close failure otherwise.
     */
    public CompletableFuture<Void> read(CoderEndpoint as, PtyTarget target, Duration timeout, Consumer<String> onLine) {
        LineSplitter lines = new LineSplitter(onLine);
        TerminalTransport transport = new TerminalTransport(client, as, target, connectTimeout);
        CompletableFuture<Void> done = new CompletableFuture<>();
        lines.done = done;
        transport.openTerminal(lines).whenComplete((connection, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure);
                return;
            }
            lines.connection = connection;
            done.whenComplete((ok, error) -> connection.abort());
        });
        return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            if (error instanceof TimeoutException) {
                StreamFailure timedOut = new StreamFailure(ErrorClass.TIMEOUT,
                        "command " + target.command() + " on " + transport.describe() + " still running after " + timeout);
                done.completeExceptionally(timedOut);
                return CompletableFuture.failedFuture(timedOut);
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    private static final class LineSplitter implements StreamListener {
        private final Consumer<String> onLine;
        private byte[] line = new byte[256];
        private int length;
        volatile CompletableFuture<Void> done;
        volatile TerminalConnection connection;

        LineSplitter(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            while (data.hasRemaining()) {
                byte b = data.get();
                if (b == '\n') {
                    emit();
                    continue;
                }
                if (length == MAX_LINE_BYTES) {
                    done.completeExceptionally(new StreamFailure(ErrorClass.OTHER,
                            "command output line longer than " + MAX_LINE_BYTES + " bytes"));
                    return;
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                }
                line[length++] = b;
            }
        }

        private void emit() {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            onLine.accept(new String(line, 0, end, StandardCharsets.UTF_8));
            length = 0;
        }

        @Override
        public void onClosed(StreamFailure failure) {
            if (failure == null) {
                if (length > 0) {
                    emit();
                }
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }
}
