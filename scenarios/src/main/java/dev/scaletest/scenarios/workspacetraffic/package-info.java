/**
 * {@code workspace-traffic}: one paced echo stream per target workspace through the web terminal,
 * SSH (proxy command, direct address or the built-in simulator's route) or an app's WebSocket;
 * which workspaces and as whom (the caller, or each owner with a minted token), how each stream
 * connects, and Coder's Prometheus series per stream.
 *
 * <p>May use {@code scenarios}, {@code scenarios.run}, {@code scenarios.prometheus} and
 * harness-core, harness-web, harness-ssh and reports.
 */
package dev.scaletest.scenarios.workspacetraffic;
