/**
 * What the agent-side endpoints (web terminal, app, SSH) need from the deployment, as small
 * types: {@code AgentDirectory} (lookups and coderd's connect rules), {@code AgentTarget} (one
 * agent at one moment), {@code ConnectAccess} and {@code AgentWebSocketEndpoint}. It lets those
 * endpoints stay apart from the deployment's state, which implements the directory.
 *
 * <p>May import no other {@code dev.scaletest} package; Netty only for the WebSocket hand-over.
 */
package dev.scaletest.simulator.agent;
