/**
 * The simulator's HTTP side on Netty: one port, HTTP/1.1 and WebSocket, NIO event loops.
 *
 * <p>Fault keys for per-endpoint latency ({@link dev.scaletest.simulator.Faults#endpointLatency()})
 * are route names {@code "<METHOD> <template>"} with the template as coderd's path after
 * {@code /api/v2} and named placeholders, for example {@code "POST /users"},
 * {@code "GET /workspaces/{workspace}"}, {@code "POST /workspaces/{workspace}/builds"},
 * {@code "GET /workspacebuilds/{workspacebuild}/logs"}, {@code "GET /workspaceagents/{workspaceagent}/pty"};
 * app paths use {@link dev.scaletest.simulator.api.AgentRouting#APP_ROUTE}. The key {@code "*"}
 * adds its latency to every route. The list of names is {@link dev.scaletest.simulator.api.CoderRoutes#routes()}.
 *
 * <p>May import {@code dev.scaletest.simulator} (faults, stats), {@code agent}, {@code ratelimit},
 * {@code state} (through the {@code Deployment} facade and its public records) and {@code wire};
 * never {@code terminal}, {@code app} or {@code ssh}, which it reaches only as
 * {@code AgentWebSocketEndpoint}s. Netty and Jackson.
 */
package dev.scaletest.simulator.api;
