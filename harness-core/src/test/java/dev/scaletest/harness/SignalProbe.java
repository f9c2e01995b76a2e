package dev.scaletest.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny command run in a child JVM by {@link RunCancellationSignalTest}: one long run and a long
 * cleanup, wired to real SIGTERM handling, exiting as the CLI would.
 */
public final class SignalProbe {
    private SignalProbe() {}

    public static void main(String[] args) {
        RunCancellation cancellation = new RunCancellation(System.err::println, "Cleanup skipped; remove what this run created with: scaletest cleanup --journal probe");
        if (!cancellation.installSignalHandlers()) {
            System.out.println("no signals");
            System.exit(2);
        }
        CountDownLatch never = new CountDownLatch(1);
        TestHarness harness = new TestHarness();
        harness.register("probe", "0", new Slow(never));
        Results results = harness.run(ExecutionStrategy.linear(), Duration.ZERO, cancellation.runPhase());
        System.out.println("run: " + results.runs().get("probe/0").error());
        System.out.println("cleaning");
        System.out.flush();
        List<CleanupFailure> failures = harness.cleanup(ExecutionStrategy.linear(), Duration.ZERO, cancellation.cleanupPhase());
        System.out.println("cleanup: " + failures);
        System.out.flush();
        System.exit(cancellation.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.OK);
    }

    private record Slow(CountDownLatch never) implements Runner, Cleanable {
        @Override
        public void run(RunContext context) throws Exception {
            // Only a started run is cleaned up, so the parent signals once the run is under way.
            System.out.println("ready");
            System.out.flush();
            never.await();
        }

        @Override
        public void cleanup(RunContext context) throws Exception {
            never.await();
        }
    }
}
