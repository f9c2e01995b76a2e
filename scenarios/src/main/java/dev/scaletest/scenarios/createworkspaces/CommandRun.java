package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.RunLog;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.web.PtyCommandReader;
import dev.scaletest.web.PtyTarget;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Runs {@code --run-command} in one agent's web terminal and judges it by {@link CommandCheck}. */
final class CommandRun {
    private static final int WIDTH = 80;
    private static final int HEIGHT = 25;

    private final PtyCommandReader reader;
    private final CommandCheck check;
    private final OperationMetrics metrics;

    CommandRun(PtyCommandReader reader, CommandCheck check, OperationMetrics metrics) {
        this.reader = reader;
        this.check = check;
        this.metrics = metrics;
    }

    /** Runs the command as {@code as}, the workspace's user (Coder's tool does too). */
    void run(CoderEndpoint as, UUID agent, String label, RunLog log) throws Exception {
        log.println("Running command " + check.command() + "...");
        boolean[] found = {false};
        long start = System.nanoTime();
        boolean timedOut = false;
        try {
            reader.read(as, PtyTarget.random(agent, check.command(), WIDTH, HEIGHT, label), check.timeout(), line -> {
                if (check.logOutput()) {
                    log.println("\t" + line);
                }
                if (!check.expectOutput().isEmpty() && line.contains(check.expectOutput())) {
                    synchronized (found) {
                        found[0] = true;
                    }
                }
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamFailure failure && failure.errorClass() == ErrorClass.TIMEOUT) {
                timedOut = true;
            } else {
                throw new IllegalStateException("run command " + check.command() + " in agent " + agent + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        metrics.latency("command.run").recordNanos(System.nanoTime() - start);
        if (timedOut && !check.expectTimeout()) {
            throw new IllegalStateException("command " + check.command() + " did not end within " + check.timeout());
        }
        if (!timedOut && check.expectTimeout()) {
            throw new IllegalStateException("command " + check.command() + " ended, expected it to time out after " + check.timeout());
        }
        synchronized (found) {
            if (!check.expectOutput().isEmpty() && !found[0]) {
                throw new IllegalStateException("command " + check.command() + " output has no line containing "
                        + "\"" + check.expectOutput() + "\"");
            }
        }
        log.println("Command check passed");
    }
}
