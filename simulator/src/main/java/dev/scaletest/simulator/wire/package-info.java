/**
 * The simulator's own wire vocabulary, after coderd's: the JSON shapes of {@code codersdk}
 * ({@code CoderJson}), a refused request with Coder's error body ({@code ApiException}), and Go's
 * renderings of times and durations. Written from Coder's swagger file, not shared with the
 * scaletest client, so the client is checked against coderd's shapes rather than its own.
 *
 * <p>May import no other {@code dev.scaletest} package; Jackson annotations only.
 */
package dev.scaletest.simulator.wire;
