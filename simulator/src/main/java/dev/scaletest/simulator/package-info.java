/**
 * The built-in Coder simulator: {@link dev.scaletest.simulator.Simulator} starts the whole of it,
 * {@link dev.scaletest.simulator.SimulatorServer} the HTTP side, and the option records
 * ({@code SimulatorOptions}, {@code AccessRules}, {@code Faults}, {@code Distribution},
 * {@code ServerTls}) and {@code SimulatorStats} are what every part reads. This package wires the
 * parts together; {@link dev.scaletest.simulator.SelfSignedAuthority} makes a certificate to serve
 * HTTPS with when none is given.
 *
 * <p>May import every {@code dev.scaletest.simulator} package, Netty, Jackson and Bouncy Castle; nothing of the
 * scaletest client. The subpackages import only the option records and stats from here, never the
 * server classes; the option records import only {@code agent} and {@code ratelimit}. So this
 * package and its subpackages import each other, but no chain of imports leads from a part back
 * to itself ({@code SimulatorBoundaryTest} checks both).
 */
package dev.scaletest.simulator;
