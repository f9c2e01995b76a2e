/**
 * The simulated workspace app: a WebSocket that echoes every message, which the app mode of
 * workspace-traffic talks to.
 *
 * <p>May import {@code dev.scaletest.simulator} (faults, stats), {@code agent} and the shared
 * WebSocket pieces of {@code terminal}; never {@code state} or {@code api}. Netty.
 */
package dev.scaletest.simulator.app;
