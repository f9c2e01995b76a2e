/**
 * Coder's REST API as scaletest uses it: the endpoints ({@link dev.scaletest.coder.CoderClient}),
 * where and as whom to reach a deployment ({@link dev.scaletest.coder.CoderEndpoint}), which TLS
 * certificates are trusted ({@link dev.scaletest.coder.TlsTrust}, also used by the WebSocket
 * clients), the shared HTTP clients, and the lookups and checks built on the endpoints. How a call
 * goes over the wire (addresses, headers, retries, error text) is {@code dev.scaletest.coder.wire}'s.
 *
 * <p>One {@link dev.scaletest.coder.CoderHttpClients} per process (it owns a few JDK HTTP
 * clients); one {@link dev.scaletest.coder.CoderClient} per run and identity, built on the pool's
 * next HTTP client so runs spread their connections:
 *
 * <pre>{@code
 * try (CoderHttpClients pool = CoderHttpClients.create(endpoint.tlsTrust(), userAgent)) {
 *     CoderClient admin = pool.clientFor(endpoint).bypassRateLimit(true).build();
 *     User me = OwnerCheck.requireSiteOwner(admin);
 *     Template t = new TemplateResolver(admin).resolve("docker", me);
 *     // per run: the owner's runner client creates the user ...
 *     CoderClient runner = pool.clientFor(endpoint).bypassRateLimit(true)
 *             .latency((route, nanos) -> ...).throttleListener(throttles).build();
 *     User u = runner.createUser(CreateUserRequest.passwordUser(email, username, password, org));
 *     // ... and everything the user does goes out on the user's own client, without the bypass header
 *     CoderClient user = runner.asUser(runner.login(email, password).sessionToken());
 *     Workspace w = user.createWorkspace(org, u.id(), request);
 * }
 * }</pre>
 *
 * <p>Only the site owner's own calls may carry {@code X-Coder-Bypass-Ratelimit}; coderd answers
 * 428 to anyone else who sends it. A user client cannot carry it, so generated users meet coderd's
 * rate limits (512 requests a minute per user and endpoint by default; logins 60 a minute per IP),
 * and their 429s are waited out as the {@link dev.scaletest.coder.wire.RetryPolicy} says.
 *
 * <p>Failures are {@link dev.scaletest.coder.wire.CoderApiException}s whose message is what Coder's CLI
 * would print and whose {@link dev.scaletest.coder.wire.CoderApiException#errorClass()} groups them
 * for reports. Checks before a run ({@link dev.scaletest.coder.OwnerCheck},
 * {@link dev.scaletest.coder.TemplateResolver}) fail with {@link dev.scaletest.coder.CoderSetupException}.
 *
 * <p>May import {@code dev.scaletest.coder.wire}, {@code dev.scaletest.coder.model} and
 * {@code dev.scaletest.errors}.
 */
package dev.scaletest.coder;
