/**
 * Network addresses as the command line gives them: {@link dev.scaletest.net.HostPort}
 * ({@code host:port}, {@code [::1]:3000}) and {@link dev.scaletest.net.HttpUrl} (an http or https
 * base URL), each parsed in one place with one-line errors that name the flag; and the socket layer
 * under the Netty clients, {@link dev.scaletest.net.NettyClientTransport}, the one reading of
 * {@code SCALETEST_NETTY_TRANSPORT} on the client side.
 *
 * <p>Imports nothing of the project.
 */
package dev.scaletest.net;
