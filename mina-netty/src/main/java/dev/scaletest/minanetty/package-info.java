/**
 * Apache MINA SSHD's sessions on Netty event loops: {@link dev.scaletest.minanetty.NettyIoSession}
 * is one socket as MINA sees it, {@link dev.scaletest.minanetty.NettyIoAcceptor} accepts them for
 * a server ({@link dev.scaletest.minanetty.NettyServerIoFactory}), and a client's connector makes
 * them with {@link dev.scaletest.minanetty.NettyIoSession#connecting}, on a socket it connected or
 * one it was handed. {@link dev.scaletest.minanetty.NettyIoServiceFactory} is the base of a
 * factory of such services.
 *
 * <p>MINA's own NIO2 services hand every read completion from the JDK's polling thread to a pool
 * thread, and a write started elsewhere completes on a third; here a socket's reads, and the writes
 * made on its loop, stay on the thread that owns it. MINA's Netty module (sshd-netty) ends at
 * 2.17.1 and does not fit the sshd-core in use.
 *
 * <p>A library under the SSH client and the simulator's SSH server alike: it knows nothing of
 * scaletest, and imports nothing of {@code dev.scaletest}.
 */
package dev.scaletest.minanetty;
