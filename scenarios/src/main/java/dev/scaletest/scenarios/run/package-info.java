/**
 * The one skeleton every scenario runs on, and the vocabulary between scenario code and the
 * application that shows it.
 *
 * <p>A {@link dev.scaletest.scenarios.run.Scenario} prepares a {@link dev.scaletest.scenarios.run.Plan}
 * of {@link dev.scaletest.scenarios.run.Phase}s (measured runs, the undo of what they created,
 * chores). {@link dev.scaletest.scenarios.run.ScenarioRunner} opens a
 * {@link dev.scaletest.scenarios.run.RunSession} against a
 * {@link dev.scaletest.scenarios.run.DeploymentTarget} with the run's
 * {@link dev.scaletest.scenarios.run.RunOptions}, runs the phases under Ctrl-C handling, builds the
 * report and hands back a {@link dev.scaletest.scenarios.run.ScenarioOutcome}. Everything a run has
 * to say goes to a {@link dev.scaletest.scenarios.run.RunObserver}: scenario code never prints,
 * never draws progress and never picks an exit status.
 *
 * <p>May use harness-core, harness-web, harness-ssh and reports; never the application
 * ({@code dev.scaletest.cli}) or the simulator ({@code ScenarioBoundaryTest}).
 */
package dev.scaletest.scenarios.run;
