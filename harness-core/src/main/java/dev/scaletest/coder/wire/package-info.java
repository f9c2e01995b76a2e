/**
 * Coder's wire rules, each in one place, as Coder's Go client ({@code codersdk}) follows them:
 * <ul>
 *   <li>{@link dev.scaletest.coder.wire.CoderUrls}: every address, REST and WebSocket routes and
 *       workspace apps, and the rule for a path on the deployment URL;</li>
 *   <li>{@link dev.scaletest.coder.wire.GoQuery}: Go's query and path escaping and {@code %q};</li>
 *   <li>{@link dev.scaletest.coder.wire.CoderHeaders}: session token header and cookie, the
 *       owner's rate-limit bypass, the default user agent, {@code Retry-After};</li>
 *   <li>{@link dev.scaletest.coder.wire.CoderCall}: one identity's calls (request, retries and
 *       429 pauses per {@link dev.scaletest.coder.wire.RetryPolicy}, told to a
 *       {@link dev.scaletest.coder.wire.ThrottleListener}, answer decoding);</li>
 *   <li>{@link dev.scaletest.coder.wire.CoderErrorDecoder} and
 *       {@link dev.scaletest.coder.wire.CoderApiException}: failures with the text Coder's SDK
 *       prints, never the session token.</li>
 * </ul>
 *
 * <p>May import {@code dev.scaletest.coder.model}, {@code dev.scaletest.errors} and
 * {@code dev.scaletest.harness} ({@code GoDuration}); never {@code dev.scaletest.coder} itself,
 * which builds its endpoints on this package.
 */
package dev.scaletest.coder.wire;
