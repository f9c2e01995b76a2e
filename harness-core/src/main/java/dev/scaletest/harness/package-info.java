/**
 * Coder's test harness, generic over what a run does, and the few rules every command shares.
 *
 * <p>What lives here:
 * <ul>
 *   <li>The phases: {@link dev.scaletest.harness.TestHarness} takes registered
 *       {@link dev.scaletest.harness.Runner}s and runs them once under an
 *       {@link dev.scaletest.harness.ExecutionStrategy} (linear, bounded, unbounded, or paced by an
 *       {@link dev.scaletest.harness.ArrivalRate}), then cleans up after the started runs that are
 *       {@link dev.scaletest.harness.Cleanable}. Each phase is one {@code PhaseExecution}: its
 *       {@code StartLoop} hands out the starts, a timer fires the job and phase deadlines, and
 *       {@code LatenessTally} measures how well a rate was kept ({@link dev.scaletest.harness.LateStarts}).
 *       Cancellation reaches jobs as interrupts ({@link dev.scaletest.harness.Cancellation}).</li>
 *   <li>Ctrl-C: {@link dev.scaletest.harness.RunCancellation} gives each phase its
 *       {@link dev.scaletest.harness.Cancellation} (first interrupt stops the run phase, the second
 *       skips the cleanup); {@link dev.scaletest.harness.ExitCodes} is the one exit status table of
 *       every command (the application maps a run's outcome onto it).</li>
 *   <li>The owners of three flag grammars: {@link dev.scaletest.harness.ArrivalRate#parsePerSecond}
 *       ({@code --rate}), {@link dev.scaletest.harness.GoDuration} (Go's durations, read and written) and
 *       {@link dev.scaletest.harness.Shard} ({@code --shard INDEX/COUNT}, the Kubernetes completion index,
 *       and which runs and workspaces a shard of a split run takes).</li>
 *   <li>Coder's wording of results: {@link dev.scaletest.harness.Results} and
 *       {@link dev.scaletest.harness.RunResult}, rendered as Coder's text and JSON
 *       ({@link dev.scaletest.harness.ResultsText}, {@link dev.scaletest.harness.ResultsJson}), errors as
 *       Coder's message chains ({@link dev.scaletest.harness.ErrorChain}), timestamps as Go's
 *       ({@link dev.scaletest.harness.GoTime}); the names of what a run creates
 *       ({@link dev.scaletest.harness.NameGenerator}, {@link dev.scaletest.harness.GeneratedUser},
 *       {@link dev.scaletest.harness.Password}).</li>
 * </ul>
 *
 * <p>How the scenario skeleton ({@code scenarios.run.ScenarioRunner}) uses it, in outline (the
 * strategy comes from the scenario's flags, {@code StrategyConfig}; the report and its verdict from
 * {@code reports}; lines go to the run's observer):
 * <pre>{@code
 * RunCancellation cancellation = new RunCancellation(observer::note,
 *         "Cleanup skipped; remove what this run created with: scaletest cleanup --journal " + journalDir);
 * cancellation.installSignalHandlers();
 * TestHarness harness = new TestHarness();
 * for (int i = 0; i < count; i++) harness.register("workspacebuild", Integer.toString(i), runnerFor(i));
 * Results results = harness.run(runStrategy, runTimeout, cancellation.runPhase());
 * observer.reported(report(results));                   // its verdict decides the exit status
 * if (!cancellation.cleanupSkipped()) {
 *     List<CleanupFailure> failures = harness.cleanup(cleanupStrategy, cleanupTimeout, cancellation.cleanupPhase());
 * }
 * // cancellation.interrupted() → ExitCodes.INTERRUPTED (130), whatever the verdict
 * }</pre>
 *
 * <p>May import: no other {@code dev.scaletest} package (the JDK, Jackson for Coder's JSON results,
 * and HdrHistogram only). Every other module builds on it.
 */
package dev.scaletest.harness;
