/**
 * The built-in Coder simulator as the application starts it: {@code scaletest simulator} in the
 * foreground ({@link dev.scaletest.cli.embedded.SimulatorRun}), or for {@code --embedded} in this
 * process for one run ({@link dev.scaletest.cli.embedded.EmbeddedDeployment}), which hands the
 * scenario a {@link dev.scaletest.scenarios.run.DeploymentTarget} (URL, admin token, SSH server and
 * host key, template, workspaces to pre-create) and says at exit what the run left behind.
 *
 * <p>May use the simulator and {@code dev.scaletest.scenarios.run}; the scenarios never see this package.
 */
package dev.scaletest.cli.embedded;
