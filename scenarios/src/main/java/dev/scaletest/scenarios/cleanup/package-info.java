/**
 * {@code cleanup}: deletes what scaletest created, workspaces first (each by Coder's procedure:
 * cancel an active build, then a delete build followed to its end), then users, and API tokens a
 * run minted; by prefix match as Coder's tool does, or exactly what one run journaled
 * ({@code --journal}). Its phases are chores reported as Coder's text results.
 *
 * <p>May use {@code scenarios}, {@code scenarios.run} and harness-core and harness-web.
 */
package dev.scaletest.scenarios.cleanup;
