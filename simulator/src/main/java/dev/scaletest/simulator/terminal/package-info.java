/**
 * The simulated web terminal: reconnecting PTYs on a Linux-like line discipline running simulated
 * commands, their replay buffers, the reconnecting-PTY protocol decoder, and the stream faults
 * (stall, drops) that the app and SSH endpoints share.
 *
 * <p>May import {@code dev.scaletest.simulator} (faults, stats) and {@code agent}; never
 * {@code state}, {@code api}, {@code app} or {@code ssh}. Netty and Jackson.
 */
package dev.scaletest.simulator.terminal;
