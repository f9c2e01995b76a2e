package dev.scaletest.harness;

/**
 * One unit of load, as Coder's harness runs it. Cancellation (job timeout, phase timeout, signals)
 * reaches a runner as a thread interrupt; {@link RunContext#deadline()} tells I/O how long it may wait.
 * Any exception thrown becomes the run's error.
 */
@FunctionalInterface
public interface Runner {
    void run(RunContext context) throws Exception;
}
