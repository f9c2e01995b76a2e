/**
 * What the scenarios share: their validated configuration pieces (strategy, workspace targets and
 * ranges, rich parameters, Prometheus), waiting for a build as Coder's tool does
 * ({@link dev.scaletest.scenarios.BuildWaiter}), and bad input as one line
 * ({@link dev.scaletest.scenarios.ConfigException}, exit code 2).
 *
 * <p>Sub-packages: {@code run} (the skeleton every scenario runs on), one package per scenario
 * ({@code createworkspaces}, {@code workspacetraffic}, {@code cleanup}) and {@code prometheus}.
 * May use harness-core, harness-web, harness-ssh and reports; never the application or the
 * simulator.
 */
package dev.scaletest.scenarios;
