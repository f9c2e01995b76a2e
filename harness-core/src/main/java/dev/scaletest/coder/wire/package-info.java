/**
 * Coder's wire rules, each in one place: the addresses of the API, the WebSocket streams and apps
 * ({@link dev.scaletest.coder.wire.CoderUrls}, with the path-prefix rule) and Go's query encoding
 * ({@link dev.scaletest.coder.wire.GoQuery}).
 *
 * <p>May import {@code dev.scaletest.coder.model} and {@code dev.scaletest.errors}; never
 * {@code dev.scaletest.coder} itself, which builds on this package.
 */
package dev.scaletest.coder.wire;
