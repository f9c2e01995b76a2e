/**
 * The built-in Coder simulator: {@link dev.scaletest.simulator.Simulator} starts the whole of it,
 * {@link dev.scaletest.simulator.SimulatorServer} the HTTP side, and the option records
 * ({@code SimulatorOptions}, {@code AccessRules}, {@code Faults}, {@code Distribution}) and
 * {@code SimulatorStats} are what every part reads. This package wires the parts together.
 *
 * <p>May import every {@code dev.scaletest.simulator} package, Netty and Jackson; nothing of the
 * scaletest client. The subpackages import only the option records and stats from here, never the
 * server classes.
 */
package dev.scaletest.simulator;
