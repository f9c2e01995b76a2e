/**
 * The workspaces' SSH server on Apache MINA SSHD: who may log in to which workspace, and the
 * simulated exec commands (the {@code dd} family, configured output).
 *
 * <p>May import {@code dev.scaletest.simulator} (faults, stats), {@code agent} (the directory it
 * asks) and the command model and drop fault of {@code terminal}; never {@code state} or {@code api}. MINA SSHD, on Netty's event loops through
 * {@code dev.scaletest.minanetty}.
 */
package dev.scaletest.simulator.ssh;
