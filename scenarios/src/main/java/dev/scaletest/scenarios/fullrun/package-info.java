/**
 * {@code scaletest run}: the whole nightly test as one command. The create phase of
 * {@code createworkspaces}, traffic through the workspaces it brought up ({@code workspacetraffic}'s
 * streams, in a {@link dev.scaletest.scenarios.fullrun.TrafficMix} of modes, as each workspace's
 * owner), then the create phase's cleanup; one report and one verdict.
 *
 * <p>May use {@code scenarios}, {@code scenarios.run}, {@code createworkspaces},
 * {@code workspacetraffic} and harness-core, harness-web, harness-ssh and reports.
 */
package dev.scaletest.scenarios.fullrun;
