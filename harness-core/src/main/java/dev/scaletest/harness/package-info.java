/**
 * Coder's test harness, generic over what a run does: {@link dev.scaletest.harness.TestHarness}
 * executes registered {@link dev.scaletest.harness.Runner}s under an
 * {@link dev.scaletest.harness.ExecutionStrategy}, then cleans up after them; results render as
 * Coder's text and JSON ({@link dev.scaletest.harness.ResultsText}, {@link dev.scaletest.harness.ResultsJson}).
 *
 * <p>A command's flow:
 * <pre>{@code
 * ExecutionStrategy runStrategy = StrategyFactory.runPhase().build(concurrency, jobTimeout, rate, rampUp);
 * Duration timeout = StrategyFactory.runPhase().phaseTimeout(timeoutFlag);
 * RunCancellation cancellation = new RunCancellation(System.err,
 *         "Cleanup skipped; remove what this run created with: scaletest cleanup --journal " + journalDir);
 * cancellation.installSignalHandlers();
 * TestHarness harness = new TestHarness();
 * for (int i = 0; i < count; i++) harness.register("workspacebuild", Integer.toString(i), runnerFor(i));
 * Results results = harness.run(runStrategy, timeout, cancellation.runPhase());
 * // write outputs: ResultsText.render(results), ResultsJson.write(results, out)
 * List<CleanupFailure> failures = harness.cleanup(cleanupStrategy, cleanupTimeout, cancellation.cleanupPhase());
 * System.exit(cancellation.exitCode(results.totalFail() > 0 || !failures.isEmpty()
 *         ? ExitCodes.RUN_FAILED : ExitCodes.OK));
 * }</pre>
 */
package dev.scaletest.harness;
