/**
 * {@code create-workspaces}: one run per workspace (a generated user who logs in and then acts on
 * its own client, the workspace, its build followed through its logs, its agents, and optionally
 * {@code --run-command} in its web terminal), then the undo phase that deletes them again. Hands
 * the workspaces that became ready, with their owners' sessions, to whatever runs next.
 *
 * <p>May use {@code scenarios}, {@code scenarios.run}, {@code scenarios.cleanup} (the workspace
 * deletion) and harness-core, harness-web and reports.
 */
package dev.scaletest.scenarios.createworkspaces;
